/**
 * A way to reply to someone who asked for one after answering ("close the
 * loop"). Unlike the answer it belongs to, this is personal data: it travels
 * as a record of its own (the `contacts` of a batch), is stored apart from
 * the anonymous answers, and is deleted once the team has replied, when the
 * answer is withdrawn, or after `retentionDays` at the latest.
 */
export interface NpsContact {
  /** Random UUID v4 of this contact, not its answer's: the server dedupes by it. */
  id: string;
  /** The `id` of the answer (`NpsResponse`) it belongs to. */
  answerId: string;
  /**
   * The e-mail address as the person typed it: at most 254 characters, one
   * `@`, a dot in the domain, no white space or control characters. Never
   * redacted: it is meant to be personal.
   */
  email: string;
  /** The hour it was left, UTC, e.g. "2026-11-22T22:00:00Z". */
  at: string;
  /** Version of the text the person agreed to when leaving it. */
  consentVersion: string;
  /** Whole days the team may keep it, counted from its arrival: 1–90. */
  retentionDays: number;
}
