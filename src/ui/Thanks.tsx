import { h, Fragment } from 'preact';
import type { Strings } from '../locales/en.js';

/** Props of the last step. */
export interface ThanksProps {
  t: Strings;
  /** The answer could not be stored. */
  failed?: boolean | undefined;
  /** Offered when the answer can be taken back (config `withdraw`). */
  onWithdraw?: (() => void) | undefined;
  /** Where taking it back stands. */
  withdrawal?: 'done' | 'failed' | undefined;
}

/** The last step: thanks, or why the answer was not kept; and "Delete my answer" where it can be taken back. */
export function Thanks({ t, failed, onWithdraw, withdrawal }: ThanksProps) {
  const title = failed ? t.failed : withdrawal === 'done' ? t.withdrawn : t.thanks;
  return (
    <>
      <h2 tabIndex={-1} data-focus>
        {title}
      </h2>
      {withdrawal !== 'done' && <p class="text">{failed ? t.failedText : t.thanksText}</p>}
      {withdrawal === 'failed' && (
        <p class="text" role="alert">
          {t.withdrawFailed}
        </p>
      )}
      {onWithdraw && !failed && withdrawal !== 'done' && (
        <div class="actions">
          <button type="button" class="secondary" part="button" onClick={onWithdraw}>
            {t.withdraw}
          </button>
        </div>
      )}
    </>
  );
}
