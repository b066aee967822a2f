import type { CommentRow } from './types.js';

/** What a job sends: a digest or an alert (its key's prefix). */
export type HookKind = 'digest' | 'alert';

/** The keys of `kind`'s jobs: from `digest:` up to `digest;` (the character after `:`), a range of the primary key. */
export const keyRange = (kind: HookKind): [string, string] => [`${kind}:`, `${kind};`];

/** One message waiting in the webhook queue: a digest (`digest:<kind>:<first day>`) or an alert (`alert:<answer id>`). */
export interface HookJob {
  key: string;
  /** The answer an alert is about; null for a digest. */
  answerId: string | null;
  /** Failed attempts so far. */
  attempts: number;
  /** When it was due (ms). */
  due: number;
  /** When it was enqueued (ms). */
  queuedAt: number;
}

/**
 * An answer as an alert tells it: what the person gave, never where it came from (no device,
 * segment or contact); its comment was redacted on the device and again by the collector.
 */
export type AlertAnswer = Omit<CommentRow, 'comment' | 'contact'> & { survey: string; comment?: string };

/**
 * The webhook queue, in the database, so that every instance sharing it sees the same jobs. A
 * job's name is its key: enqueueing a name already there (waiting, or a digest already sent) does
 * nothing, which is how one instance, and only one, takes each digest. A detractor's alert is
 * enqueued by `insert`, in the answer's own transaction, when the storage was opened with
 * `alerts`; what it says is read when it is sent, so an answer withdrawn meanwhile is not sent.
 * Times are milliseconds since the epoch, from the collector's clock.
 */
export interface HookQueue {
  /** Adds the job `key`, due at `at`, unless a job of that name is there: whether this call added it. */
  enqueue(key: string, at: number): Promise<boolean>;
  /**
   * Up to `limit` jobs of `kind` due at `now` that no one holds, the earliest due first, each now
   * held by the caller until `until` (then another instance may take it: one that stopped mid-way).
   */
  lease(kind: HookKind, now: number, until: number, limit: number): Promise<HookJob[]>;
  /** A job done with (sent, or given up): a digest is kept, marked done, so it is never taken again; an alert is deleted. */
  finish(key: string, now: number): Promise<void>;
  /**
   * A job whose attempt failed: one more attempt counted, due again at `at`, no longer held — if
   * the caller still holds it (`heldUntil`, its lease): one whose lease ran out is another's now.
   */
  retry(key: string, at: number, heldUntil: number): Promise<void>;
  /** The answer `id` as stored now; undefined when it is gone (withdrawn, or past retention). */
  answer(id: string): Promise<AlertAnswer | undefined>;
  /** Deletes jobs enqueued before `at`, done or not (retention); returns how many. */
  deleteBefore(at: number): Promise<number>;
}

/** What a storage does besides keeping answers, chosen when it is opened. */
export interface StorageOptions {
  /** Enqueue an alert for each detractor answer stored (CANDOR_ALERTS=detractors). */
  alerts?: boolean | undefined;
}

/** The key of an alert's job. */
export const alertKey = (answerId: string) => `alert:${answerId}`;

/** Jobs in the order they are sent: the earliest due first (RETURNING keeps no order). */
export const earliest = (a: HookJob, b: HookJob) => a.due - b.due || (a.key < b.key ? -1 : 1);
