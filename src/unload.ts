import { LIMITS, type Outbox, type OutboxRecord } from './outbox.js';
import { answerOf, wireBatch } from './outboxRecord.js';
import { fetchSend } from './transports/fetch.js';
import { beaconSend } from './transports/beacon.js';
import { isAcked } from './lib/isAcked.js';
import type { Timers } from './lib/timers.js';

/**
 * Keepalive bytes a page may have in flight: browsers allow 64 KB per page,
 * and Chromium counts `sendBeacon` in the same quota, so one budget covers both.
 */
export const KEEPALIVE_BYTES = 60 * 1024;

/** A page's keepalive budget, shared by every instance: bytes in flight, and the ids sent during this hide. */
export interface Budget {
  inFlight: number;
  left: Set<string>;
}

/** A fresh budget (one per page: `browserEnv` keeps it). */
export const createBudget = (): Budget => ({ inFlight: 0, left: new Set() });

/** What sending at page leave needs from its instance. */
export interface LeaveDeps {
  budget: Budget;
  timers: Timers;
  now: () => number;
  /** The outbox, once this instance opened it. */
  outbox: () => Promise<Outbox> | undefined;
  /** Records an endpoint acknowledged. */
  acked(records: OutboxRecord[]): void;
}

/** Groups records by route into batches within the wire's bounds, oldest first. */
function batches(records: OutboxRecord[]): OutboxRecord[][] {
  const out: OutboxRecord[][] = [];
  const queue = [...records];
  while (queue.length) {
    const batch = [queue.shift()!];
    let bytes = batch[0]!.bytes;
    for (let i = 0; i < queue.length && batch.length < LIMITS.batch;) {
      const r = queue[i]!;
      if (r.route === batch[0]!.route && bytes + r.bytes <= LIMITS.batchBytes) {
        bytes += r.bytes;
        batch.push(queue.splice(i, 1)[0]!);
      } else i++;
    }
    out.push(batch);
  }
  return out;
}

/**
 * Sends a leaving page's undelivered answers: keepalive fetches while the
 * page's budget allows (acknowledged ones are deleted if the page lives on),
 * a beacon only where keepalive is refused (no acknowledgement: marked, kept,
 * sent again later), and whatever is over the budget stays for the next start.
 * Never throws, and leaves no promise unhandled.
 */
export function leave(records: OutboxRecord[], deps: LeaveDeps): void {
  const { budget } = deps;
  const { left } = budget;
  const pending = records.filter((r) => r.route.startsWith('http') && !left.has(r.id));
  const answers = new Set(pending.map((r) => r.id));
  for (const all of batches(pending)) {
    // A contact goes only in the request that carries its answer, or once its answer is delivered:
    // the endpoint refuses a contact before its answer (two keepalive requests may land in any order).
    const here = new Set(all.map((r) => r.id));
    const batch = all.filter((r) => {
      const answerId = answerOf(r);
      return !answerId || here.has(answerId) || !answers.has(answerId);
    });
    if (!batch.length) continue;
    const route = batch[0]!.route;
    const body = JSON.stringify(wireBatch(batch));
    // The browser's keepalive cap counts bytes on the wire, not UTF-16 code units.
    const size = new TextEncoder().encode(body).length;
    if (budget.inFlight + size > KEEPALIVE_BYTES) continue;
    budget.inFlight += size;
    batch.forEach((r) => left.add(r.id));
    void fetchSend(route, body, true, deps.timers)
      .then(async (result) => {
        budget.inFlight -= size;
        if (result.refused && beaconSend(route, body)) {
          // No acknowledgement: kept, marked (its delivery state untouched), and sent again later.
          await deps.outbox()?.then((box) => box.beaconed(batch, deps.now()));
          return;
        }
        if (!isAcked(result.status) || result.fatal) return batch.forEach((r) => left.delete(r.id));
        // If the page lives on (it was only hidden), the acknowledgement still deletes them.
        await deps.outbox()?.then((box) => box.remove(batch));
        deps.acked(batch);
      })
      .catch(() => {
        // Storage failed after the send: the records stay, and the server dedupes a resend.
      });
  }
}
