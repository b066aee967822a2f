import { h, Fragment } from 'preact';
import type { Strings } from '../locales/en.js';

/** Props of the consent step: nothing is asked before "yes". */
export interface ConsentProps {
  t: Strings;
  policyUrl?: string | undefined;
  onAnswer(granted: boolean): void;
}

/** States the purpose, what is sent and kept, and asks for an explicit yes. */
export function Consent({ t, policyUrl, onAnswer }: ConsentProps) {
  return (
    <>
      <h2 id="title" tabIndex={-1} data-focus>
        {t.consentTitle}
      </h2>
      <p class="text">{t.consentText}</p>
      {policyUrl && (
        <p class="text">
          <a href={policyUrl} target="_blank" rel="noopener noreferrer" part="link">
            {t.policy}
          </a>
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" part="button primary" onClick={() => onAnswer(true)}>
          {t.yes}
        </button>
        <button type="button" class="secondary" part="button" onClick={() => onAnswer(false)}>
          {t.no}
        </button>
      </div>
    </>
  );
}
