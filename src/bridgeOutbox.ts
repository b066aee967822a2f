import type { Outbox, OutboxRecord } from './outbox.js';
import type { Timers } from './lib/timers.js';
import { bridgeSend, onAck } from './transports/bridge.js';
import type { SendResult } from './transports/fetch.js';
import { wireBatch, type Withdrawal } from './outboxRecord.js';

/**
 * The webview bridge on top of the outbox: `offer` hands a batch to the app
 * and resolves with its acknowledgement (records acked before a timeout are
 * deleted, the rest retried by the flusher); an ack that comes after its
 * offer timed out still deletes. `stop()` stops listening for acks.
 */
export function bridgeOutbox(
  timers: Timers,
  delivered: (records: OutboxRecord[]) => void,
  outbox: () => Promise<Outbox> | undefined,
) {
  const offered = new Set<string>();
  // Answers offered without a full ack: the app may still ack them late. Such an ack is the answer's,
  // never the ack of a withdrawal of the same id (which it would otherwise complete unasked).
  const unacked = new Set<string>();
  const stop = onAck((ids) => {
    ids.forEach((id) => unacked.delete(id));
    const late = ids.filter((id) => !offered.has(id));
    if (!late.length) return;
    void outbox()
      ?.then(async (box) => {
        const rows = (await box.all()).filter((r) => r.route === 'bridge' && late.includes(r.id));
        await box.remove(rows);
        delivered(rows);
      })
      .catch(() => {});
  });

  async function offer(box: Outbox, records: OutboxRecord[]): Promise<SendResult> {
    records.forEach((r) => offered.add(r.id));
    const result = await bridgeSend(
      records.map((r) => r.id),
      'responses',
      wireBatch(records),
      timers,
    ).finally(() => records.forEach((r) => offered.delete(r.id)));
    records.filter((r) => !result.acked.includes(r.id)).forEach((r) => unacked.add(r.id));
    if (result.status === 204) return result;
    // Partly acked: those are stored by the app; the flusher retries the rest.
    const acked = records.filter((r) => result.acked.includes(r.id));
    await box.remove(acked);
    delivered(acked);
    return result;
  }

  /**
   * Asks the app to delete answers it was given (`withdraw`); resolves 204
   * once it acks them all, else fails for the flusher to retry. Only an ack
   * within the wait counts (an answer's late ack must not pass for this).
   */
  const withdraw = async (records: OutboxRecord[]): Promise<SendResult> => {
    const bodies = records.map((r) => r.body as Withdrawal);
    const ids = bodies.map((b) => b.id);
    const { acked: _, ...result } = await bridgeSend(
      ids,
      'withdraw',
      { v: 1, ids, proofs: bodies.map((b) => b.secret) },
      timers,
      (id) => !unacked.has(id),
    );
    return result;
  };

  return { offer, withdraw, stop };
}
