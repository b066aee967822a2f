import type { OutboxRecord } from './outbox.js';
import { answerOf, type Withdrawal } from './outboxRecord.js';
import type { Receipt } from './receipts.js';

/** The route prefix of a queued withdrawal: "withdraw:" + the answer's route. */
export const WITHDRAW = 'withdraw:';

/** Whether a record is a queued withdrawal rather than an answer or a contact. */
export const isWithdrawal = (r: OutboxRecord) => r.route.startsWith(WITHDRAW);

/** The outbox record that asks `receipt.route` to delete the answer, due now. */
export function withdrawalOf(receipt: Receipt, now: number, ttlMs: number): OutboxRecord {
  const body: Withdrawal = { id: receipt.id, survey: receipt.survey, secret: receipt.secret! };
  return {
    v: 1,
    id: receipt.id,
    route: WITHDRAW + receipt.route,
    body,
    bytes: 160,
    createdAt: now,
    expiresAt: now + ttlMs,
    attempts: 0,
    nextAt: now,
  };
}

/**
 * What taking back answers `ids` (all, without `ids`) means for a survey's
 * stored `records` and `receipts`: the answers to delete from the device (a
 * contact left for one of them goes with it), the receipts to delete, and the
 * withdrawals to queue (one per receipt that has a secret, unless queued).
 */
export function plan(
  records: OutboxRecord[],
  receipts: Receipt[],
  ids: string[] | undefined,
  now: number,
  ttlMs: number,
) {
  const chosen = (id: string) => !ids || ids.includes(id);
  const queued = new Set(records.filter(isWithdrawal).map((r) => r.id));
  const answers = records.filter((r) => !isWithdrawal(r) && chosen(answerOf(r) ?? r.id));
  const known = receipts.filter((r) => chosen(r.id));
  // A withdrawal's key (time, id) must differ from its answer's, which the same transaction deletes:
  // within the same millisecond (or on a coarse clock) it is stamped just after it.
  const after = (id: string) => Math.max(now, ...records.filter((r) => r.id === id).map((r) => r.createdAt + 1));
  const asks = known
    .filter((r) => r.secret && !r.unwithdrawable && !queued.has(r.id))
    .map((r) => withdrawalOf(r, after(r.id), ttlMs));
  return { answers, known, asks };
}
