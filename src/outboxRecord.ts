import type { NpsResponse } from './response.js';
import type { NpsContact } from './contact.js';

/** The body of a queued withdrawal: which answer, and the secret that proves it is this device's. */
export interface Withdrawal {
  id: string;
  survey: string;
  secret: string;
}

/** One accepted answer (or a withdrawal of one, `route` "withdraw:…") waiting for delivery. */
export interface OutboxRecord {
  v: 1;
  id: string;
  /**
   * Where it goes: the endpoint URL it was accepted for, "bridge", or
   * "custom:<survey>"; a withdrawal's route is "withdraw:" and the answer's route.
   */
  route: string;
  body: NpsResponse | NpsContact | Withdrawal;
  /** The survey of a contact (its body, an allowlist, names only its answer). */
  survey?: string;
  /** UTF-8 bytes of the body as JSON. */
  bytes: number;
  createdAt: number;
  /** Each answer keeps the TTL its consent text promised. */
  expiresAt: number;
  /** Failed tries (for the backoff; retention is time, not a count). */
  attempts: number;
  nextAt: number;
  lastError?: string;
  /** Sent by beacon (no acknowledgement): kept, and sent again later. */
  beaconedAt?: number;
  /** When a clock jump last moved this record's times (each jump moves it once). */
  shiftedAt?: number;
}

/** The survey a record belongs to. */
export const surveyOf = (r: OutboxRecord) => r.survey ?? (r.body as { survey?: string }).survey;

/** The answer a contact record belongs to; undefined for any other record. */
export const answerOf = (r: OutboxRecord) => (r.body as { answerId?: string }).answerId;

/** Whether a record carries a contact (an e-mail address left for a reply) rather than an answer. */
export const isContact = (r: OutboxRecord) => answerOf(r) !== undefined;

/**
 * The wire body of a batch: `{ v: 1, responses, contacts? }`, answers and
 * contacts apart (a batch without contacts is what it always was).
 */
export function wireBatch(records: OutboxRecord[]) {
  const contacts = records.filter(isContact).map((r) => r.body as NpsContact);
  return {
    v: 1 as const,
    responses: records.filter((r) => !isContact(r)).map((r) => r.body as NpsResponse),
    ...(contacts.length ? { contacts } : {}),
  };
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** Whether a stored value has every field delivery relies on; anything else is set aside. */
export function isRecord(r: unknown): r is OutboxRecord {
  const o = r as OutboxRecord | null;
  return (
    !!o &&
    typeof o === 'object' &&
    o.v === 1 &&
    typeof o.id === 'string' &&
    typeof o.route === 'string' &&
    !!o.body &&
    typeof o.body === 'object' &&
    o.body.id === o.id &&
    finite(o.bytes) &&
    o.bytes >= 0 &&
    finite(o.createdAt) &&
    finite(o.expiresAt) &&
    finite(o.attempts) &&
    finite(o.nextAt)
  );
}
