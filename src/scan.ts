import type { Backend } from './storage/backend.js';
import { answerOf, type OutboxRecord } from './outboxRecord.js';
import { ASIDE, end } from './storage/keys.js';
import { MAX_BATCH, MAX_BATCH_BYTES } from './lib/checkResponse.js';
import { purgeReceipts } from './receipts.js';

// Reading the outbox for a flush, and keeping stored times sane when the clock
// was (or is) wrong: the part of the outbox that deals with time.

/** The longest a record may legitimately wait: a Retry-After pause (≤ 1 h). A longer wait is a clock that went back. */
export const MAX_WAIT_MS = 3_600_000;
/** The longest TTL a record can have. */
const MAX_TTL_MS = 30 * 86_400_000;
/** Clocks of two tabs may disagree by this much without anything being corrected. */
const SLACK_MS = 60_000;

/** What one read of the outbox found. */
export interface Scan {
  /** The oldest due records of one route, within the batch bounds. */
  batch: OutboxRecord[];
  /** Records past their TTL: to drop. */
  expired: OutboxRecord[];
  /** When the next record left behind falls due (Infinity if none). */
  next: number;
}

/** What scanning needs of the outbox. */
export interface Reader {
  backend: Backend;
  records(pageSize?: number): AsyncGenerator<OutboxRecord>;
  all(): Promise<OutboxRecord[]>;
  patch(rows: OutboxRecord[], fn: (stored: OutboxRecord, mine: OutboxRecord) => Partial<OutboxRecord>): Promise<void>;
}

/**
 * One batch to send: the oldest due records of the first reachable route,
 * at most 50 and 48 KB, plus every expired record met on the way. Reading
 * stops once the batch is full. A stored time in the future of `now` (a
 * clock that was ahead, here or in another tab) counts as now: the record
 * is due, and its TTL runs from now.
 */
export async function scan(
  { backend, records, patch }: Omit<Reader, 'all'>,
  now: number,
  canSend: (route: string) => boolean,
): Promise<Scan> {
  const batch: OutboxRecord[] = [];
  const expired: OutboxRecord[] = [];
  const ahead: OutboxRecord[] = [];
  let bytes = 0;
  let next = Infinity;
  // Records met but not taken: a contact never goes before its answer (the endpoint would refuse it).
  const left = new Set<string>();
  const gone = new Set<string>();
  for await (const r of records(MAX_BATCH + 1)) {
    if (r.createdAt > now + SLACK_MS) {
      r.expiresAt = now + Math.min(r.expiresAt - r.createdAt, MAX_TTL_MS);
      r.createdAt = now;
      r.nextAt = now;
      ahead.push(r);
    }
    const due = r.nextAt <= now || r.nextAt - now > MAX_WAIT_MS;
    const answerId = answerOf(r);
    // A contact goes with its answer when that expires: the endpoint would refuse it alone.
    if (Math.min(r.expiresAt, r.createdAt + MAX_TTL_MS) <= now || (answerId && gone.has(answerId))) {
      expired.push(r);
      gone.add(r.id);
    } else if (
      !due ||
      (answerId && left.has(answerId)) ||
      !canSend(r.route) ||
      (batch[0] && batch[0].route !== r.route)
    ) {
      if (!due) next = Math.min(next, r.nextAt);
      left.add(r.id);
    } else if (batch.length === MAX_BATCH || bytes + r.bytes > MAX_BATCH_BYTES) {
      next = now;
      break;
    } else {
      batch.push(r);
      bytes += r.bytes;
    }
  }
  await patch(ahead, (_, r) => ({ createdAt: r.createdAt, expiresAt: r.expiresAt, nextAt: r.nextAt }));
  // Set-aside entries are kept 30 days for inspection (export()), then deleted: they may hold a comment.
  const stale = (await backend.range(ASIDE, end(ASIDE))).filter(
    ([, v]) => !((v as { at?: number })?.at! > now - 30 * 86_400_000),
  );
  if (stale.length) await backend.del(stale.map(([k]) => k));
  // Receipts of answers that can be taken back are kept withdraw.days after delivery, then deleted.
  await purgeReceipts(backend, now);
  return { batch, expired, next };
}

/**
 * The clock jumped forward by `by` (a wrong clock corrected, or a device
 * waking up): records written before it, in the old time, move with it,
 * so a correction expires nothing early. Each record moves once per jump,
 * whichever tab or instance sees the jump first (`shiftedAt`).
 */
export async function rebase({ all, patch }: Pick<Reader, 'all' | 'patch'>, from: number, by: number, now: number) {
  const moved = (await all()).filter(
    (r) => r.createdAt <= from + SLACK_MS && r.createdAt > from - MAX_TTL_MS && !((r.shiftedAt ?? 0) > from + SLACK_MS),
  );
  await patch(moved, (old) => ({
    createdAt: old.createdAt + by,
    expiresAt: old.expiresAt + by,
    nextAt: Math.min(old.nextAt + by, now),
    shiftedAt: now,
  }));
}
