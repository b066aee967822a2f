import { h, Fragment } from 'preact';
import type { Strings } from '../locales/en.js';

/** The last step: thanks (the card closes itself a few seconds later), or why the answer was not kept. */
export function Thanks({ t, failed }: { t: Strings; failed?: boolean | undefined }) {
  return (
    <>
      <h2 tabIndex={-1} data-focus>
        {failed ? t.failed : t.thanks}
      </h2>
      <p class="text">{failed ? t.failedText : t.thanksText}</p>
    </>
  );
}
