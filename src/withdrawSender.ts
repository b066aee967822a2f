import type { Outbox, OutboxRecord } from './outbox.js';
import { surveyOf, type Withdrawal } from './outboxRecord.js';
import type { SendResult } from './transports/fetch.js';
import { fetchSend } from './transports/fetch.js';
import { receiptKey, type Receipt } from './receipts.js';
import { isAcked } from './lib/isAcked.js';
import { retryable } from './lib/retryable.js';

/** Statuses that mean "this endpoint cannot delete answers" (no route, no method, not implemented). */
const CANNOT = [404, 405, 501];

/** What sending withdrawals needs from its delivery. */
export interface WithdrawDeps {
  /** Sends one withdrawal's batch through the bridge or a function transport, all or nothing. */
  other?(target: string, records: OutboxRecord[]): Promise<SendResult> | undefined;
  /** One DELETE to an endpoint URL. */
  del?: typeof fetchSend;
  /** The server confirmed: tell the answers' instances. */
  withdrawn(records: OutboxRecord[]): void;
  /** Something the site owner should know (once per endpoint and page for an endpoint that cannot delete). */
  error(message: string): void;
  now(): number;
}

/**
 * Sends a batch of queued withdrawals to `target` (the answers' route). To an
 * endpoint URL, one `DELETE ${endpoint}/${id}` each with `{"v":1,"secret"}`;
 * what the server confirms is deleted from the outbox at once. 404, 405 or 501:
 * the endpoint cannot delete answers; the withdrawal stops, `error` says so
 * once, and a receipt (without the answer's content) is kept until it would
 * have expired. Another refusal (403: wrong secret) stops that withdrawal with
 * an error. A retryable failure is handed back to the flusher, which backs off.
 */
export function withdrawSender(deps: WithdrawDeps) {
  const told = new Set<string>();
  const done = new Set<string>();
  const del = deps.del ?? fetchSend;

  return async function send(
    outbox: Outbox,
    target: string,
    records: OutboxRecord[],
    timers: Parameters<typeof fetchSend>[3],
  ) {
    const settle = async (rows: OutboxRecord[], kept: Receipt[] = []) => {
      await outbox.replace(
        rows,
        [],
        kept.map((r) => [receiptKey(r.id), r]),
      );
    };
    const other = deps.other?.(target, records);
    if (other) {
      const result = await other;
      if (!isAcked(result.status)) return result;
      deps.withdrawn(records);
      return result;
    }
    for (const [i, r] of records.entries()) {
      // Confirmed already in this page (a batch handed back after a later failure comes again): not twice.
      if (done.has(r.id)) continue;
      const { id, secret } = r.body as Withdrawal;
      const result = await del(`${target}/${id}`, JSON.stringify({ v: 1, secret }), false, timers, 'DELETE');
      const { status } = result;
      if (isAcked(status)) {
        await settle([r]);
        done.add(r.id);
        deps.withdrawn([r]);
      } else if (CANNOT.includes(status) && !result.fatal) {
        const rest = records.slice(i);
        const now = deps.now();
        const kept = rest.map((x): Receipt => ({
          v: 1,
          id: x.id,
          survey: surveyOf(x)!,
          route: target,
          createdAt: now,
          expiresAt: x.expiresAt,
          unwithdrawable: true,
        }));
        await settle(rest, kept);
        if (!told.has(target)) {
          told.add(target);
          deps.error(
            `the endpoint ${target} cannot delete answers (${status}): ${rest.length} answer(s) stay there; turn withdraw off or add DELETE ${target}/:id`,
          );
        }
        return { status: 204 };
      } else if (status === 403 && !result.fatal) {
        // The endpoint refuses this secret for this answer: trying again cannot help.
        await settle([r]);
        deps.error(
          `answer ${id} could not be withdrawn: ${target} answered 403${result.message ? ` (${result.message})` : ''}`,
        );
      } else {
        // A retryable failure backs off; a configuration problem (a redirect, 401, 415) pauses the route and
        // keeps the withdrawal for the next start; a 400/422 names this one, which the flusher drops with an error.
        return { ...result, ...(!retryable(status) ? { badId: id } : {}) };
      }
    }
    return { status: 204 };
  };
}
