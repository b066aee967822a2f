import { h, Fragment } from 'preact';
import type { Strings } from '../locales/en.js';

/** Props of the optional contact step; the card holds the address. */
export interface ContactProps {
  t: Strings;
  email: string;
  /** The address was refused (shown inline), or could not be stored. */
  problem?: 'invalid' | 'failed' | undefined;
  onInput(email: string): void;
  /** "Send" passes the address, "No thanks" passes nothing. */
  onDone(email?: string): void;
}

/**
 * "May we get back to you about this?": an e-mail address with its own
 * sentence of consent (kept apart from the answer, deleted after the reply).
 * Leaving it empty or saying "No thanks" stores nothing more.
 */
export function Contact({ t, email, problem, onInput, onDone }: ContactProps) {
  const send = () => onDone(email.trim() || undefined);
  return (
    <>
      <h2 id="contact-title">{t.contactTitle}</h2>
      <p class="text" id="contact-text">
        {t.contactText}
      </p>
      <label class="label" for="email">
        {t.contactLabel}
      </label>
      <input
        id="email"
        part="input"
        type="email"
        inputMode="email"
        autocomplete="email"
        spellcheck={false}
        maxLength={254}
        value={email}
        aria-describedby={problem ? 'contact-text email-problem' : 'contact-text'}
        aria-invalid={problem === 'invalid' || undefined}
        data-focus
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), send())}
      />
      {problem && (
        <p class="problem" id="email-problem" role="alert">
          {problem === 'invalid' ? t.contactInvalid : t.failedText}
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" part="button primary" onClick={send}>
          {t.send}
        </button>
        <button type="button" class="secondary" part="button" onClick={() => onDone()}>
          {t.no}
        </button>
      </div>
    </>
  );
}
