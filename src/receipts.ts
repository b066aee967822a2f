import type { Backend } from './storage/backend.js';
import type { NpsResponse } from './response.js';
import { end, RECEIPT } from './storage/keys.js';

const DAY = 86_400_000;

/**
 * What the device keeps of an answer it may take back (config `withdraw`):
 * what was sent, where to, and the secret that proves it is this device's.
 * Written with the outbox record, in the same transaction, only after consent.
 */
export interface Receipt {
  v: 1;
  id: string;
  survey: string;
  /** What was sent (absent once the person asked to withdraw it: the device forgets the content at once). */
  score?: number;
  comment?: string;
  /** The hour the answer was given, as sent. */
  at?: string;
  /** Where it goes: the endpoint URL, "bridge" or "custom:<survey>". */
  route: string;
  /** 64 hex characters; only its SHA-256 (`proof`) ever leaves the device with the answer. Absent once not needed. */
  secret?: string;
  createdAt: number;
  deliveredAt?: number;
  /** This survey's `withdraw.days`: how long the receipt stays after delivery. */
  days?: number;
  /** Purged at this time: `withdraw.days` after delivery (before delivery, after the answer's own TTL too). */
  expiresAt: number;
  /** A contact (an e-mail address) was left with this answer; the address itself is not kept here. */
  contact?: true;
  /** Set when the endpoint cannot delete answers (404, 405, 501): kept until it expires, not tried again. */
  unwithdrawable?: true;
}

/** The receipt's key. */
export const receiptKey = (id: string) => RECEIPT + id;

/** A receipt for an answer accepted at `now`. */
export const receiptOf = (
  body: NpsResponse,
  route: string,
  secret: string,
  now: number,
  ttlDays: number,
  days: number,
): Receipt => ({
  v: 1,
  id: body.id,
  survey: body.survey,
  score: body.score,
  ...(body.comment ? { comment: body.comment } : {}),
  at: body.at,
  route,
  secret,
  createdAt: now,
  days,
  expiresAt: now + (ttlDays + days) * DAY,
});

const isReceipt = (r: unknown): r is Receipt =>
  !!r && typeof (r as Receipt).id === 'string' && typeof (r as Receipt).survey === 'string';

/** Every receipt, oldest first; unreadable entries are left for `purge`. */
export const receipts = async (backend: Backend): Promise<Receipt[]> =>
  (await backend.range(RECEIPT, end(RECEIPT)))
    .map(([, r]) => r)
    .filter(isReceipt)
    .sort((a, b) => a.createdAt - b.createdAt);

/**
 * Delivered answers keep their receipt its `days` from now (from delivery),
 * in one transaction; answers without a receipt write nothing.
 */
export const markDelivered = (backend: Backend, ids: string[], now: number) =>
  backend.transact(ids.map(receiptKey), (values) => {
    const set = values
      .filter(isReceipt)
      .filter((r) => !r.deliveredAt)
      .map((r): [string, unknown] => [
        receiptKey(r.id),
        { ...r, deliveredAt: now, expiresAt: now + Math.min(r.days ?? 30, 90) * DAY },
      ]);
    return set.length ? { set } : undefined;
  });

/** Deletes receipts past their time, and entries that are not receipts. */
export async function purgeReceipts(backend: Backend, now: number) {
  const stale = (await backend.range(RECEIPT, end(RECEIPT))).filter(
    ([, r]) => !isReceipt(r) || !(r.expiresAt > now) || r.expiresAt - r.createdAt > 120 * DAY,
  );
  if (stale.length) await backend.del(stale.map(([k]) => k));
}
