import { h, Fragment } from 'preact';
import type { Strings } from '../locales/en.js';

/** The last step; the card closes itself a few seconds later. */
export function Thanks({ t }: { t: Strings }) {
  return (
    <>
      <h2 tabIndex={-1} data-focus>
        {t.thanks}
      </h2>
      <p class="text">{t.thanksText}</p>
    </>
  );
}
