import type { PluralKey } from '../lib/plural.js';

/**
 * English UI strings: the reference table every locale must match key for key
 * (plural forms: the categories its own language uses). `{name}` placeholders
 * are filled at render time, always as text, never HTML.
 */
export const en = {
  /** Accessible name of the card. */
  label: 'Feedback survey',
  consentTitle: 'May we ask you one quick question?',
  /**
   * Generated consent text; {host} is who receives the answer, {ttlDays} the device TTL as
   * `ttlDays` words it ({days}, the bare number, is there for texts of your own).
   */
  consentText:
    'It takes a few seconds and is anonymous. If you say yes, your score, an optional comment, your language, the page path and the kind of device you use are sent to {host}. Until then it is kept on this device for at most {ttlDays}.',
  /**
   * How many days, in consentText: one form per plural category of the language
   * (`Intl.PluralRules`: _zero, _one, _two, _few, _many, _other), {n} the number.
   */
  ttlDays_one: '{n} day',
  ttlDays_other: '{n} days',
  /** {host} when answers go to the app embedding the page (webview bridge). */
  hostApp: 'this app',
  /** {host} when the site owner delivers answers with its own function. */
  hostOwner: 'the site owner',
  policy: 'Privacy policy',
  yes: "Yes, I'll answer",
  no: 'No thanks',
  question: 'How likely are you to recommend {brand} to a friend or colleague?',
  /** {brand} when no brand is configured. */
  brand: 'us',
  low: 'Not at all likely',
  high: 'Extremely likely',
  next: 'Next',
  close: 'Close',
  promoter: 'What do you like most?',
  passive: 'What would make it a 10 for you?',
  detractor: 'What disappointed you, and what should we do better?',
  commentHint: 'Optional. Please leave out names, emails and other personal details.',
  counter: '{count} of {max} characters',
  send: 'Send',
  skip: 'Skip',
  thanks: 'Thank you!',
  thanksText: 'Your answer helps us improve.',
  /** Shown instead of thanks when this device could not store the answer (full, or storage refused). */
  failed: 'Your answer could not be saved',
  failedText: 'This device could not store it, so nothing was sent. Sorry about that.',
  /** Offered on the thank-you step when the answer can be taken back (config withdraw). */
  withdraw: 'Changed your mind? Delete my answer',
  withdrawn: 'Your answer was withdrawn',
  withdrawFailed: 'It could not be withdrawn. Please try again.',
  /** Added to the generated consent text when withdraw is on; {withdrawDays} is withdraw.days in words. */
  consentWithdraw: 'You can take your answer back from this device for {withdrawDays} after it is sent.',
  /** How many days, in consentWithdraw (plural forms as for ttlDays). */
  withdrawDays_one: '{n} day',
  withdrawDays_other: '{n} days',
  /** The optional contact step (config contact): {host} keeps the address, {contactDays} is contact.retentionDays in words. */
  contactTitle: 'May we get back to you about this?',
  contactText:
    'If you leave your e-mail address, {host} keeps it apart from your answer, uses it only to reply to you about it, and deletes it once it has replied, or after {contactDays} at the latest.',
  /** How many days, in contactText (plural forms as for ttlDays). */
  contactDays_one: '{n} day',
  contactDays_other: '{n} days',
  contactLabel: 'Your e-mail address (optional)',
  contactInvalid: 'Please enter an e-mail address such as name@example.com.',
};

/** Every UI string, by key; a language gives the plural forms its `Intl.PluralRules` selects. */
export type Strings = Omit<typeof en, PluralKey> & Partial<Record<PluralKey, string>>;
export type StringKey = keyof Strings;
