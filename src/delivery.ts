import type { Config } from './config.js';
import type { NpsResponse } from './response.js';
import type { Env } from './browserEnv.js';
import { createOutbox, type Outbox, type OutboxRecord } from './outbox.js';
import { createFlusher, type Flusher } from './flusher.js';
import { fetchSend } from './transports/fetch.js';
import { customSend } from './transports/custom.js';
import { bridgeOutbox } from './bridgeOutbox.js';
import { guard } from './storage/guard.js';
import { announce, announceBySurvey, connect, listen } from './hub.js';
import { leave } from './unload.js';
import { markDelivered, receiptKey, receipts, type Receipt } from './receipts.js';
import { isWithdrawal, plan, WITHDRAW, withdrawSender } from './withdrawals.js';
import type { CustomTransport } from './configInput.js';
import type { NpsContact } from './contact.js';
import { isContact, surveyOf, wireBatch } from './outboxRecord.js';

export type { Env } from './browserEnv.js';
export { browserEnv } from './browserEnv.js';

/** What delivery reports back to its instance (already filtered to its survey). */
export interface DeliveryHooks {
  delivered(ids: string[]): void;
  dropped(id: string, reason: string): void;
  /** The endpoint confirmed these answers are deleted. */
  withdrawn(ids: string[]): void;
  error(message: string): void;
}

/** The route an instance's answers are accepted for: its endpoint URL, "bridge", or "custom:<survey>". */
export const routeOf = (config: Config) =>
  config.transport === 'bridge'
    ? 'bridge'
    : typeof config.transport === 'function'
      ? `custom:${config.survey}`
      : config.endpoint!;

/**
 * The outbox and its flusher for one instance. Nothing is opened before the
 * first accepted answer, unless storage already holds records from earlier.
 * Any instance delivers any due record of a route it can reach; outcomes
 * reach the instance of the answer's survey (src/hub.ts).
 */
export function createDelivery(config: Config, hooks: DeliveryHooks, env: Env) {
  const { survey, transport } = config;
  const route = routeOf(config);
  // This instance's accepted, undelivered answers: what it can still send when the page goes away.
  const mine = new Map<string, OutboxRecord>();
  let ready: Promise<{ outbox: Outbox; flusher: Flusher }> | undefined;
  let flusher: Flusher | undefined;
  let closed = false;

  const unlisten = listen({
    survey,
    delivered(ids) {
      ids.forEach((id) => mine.delete(id));
      hooks.delivered(ids);
    },
    dropped(id, reason) {
      mine.delete(id);
      hooks.dropped(id, reason);
    },
    withdrawn: hooks.withdrawn,
  });
  /** Tells every instance of each record's survey, here and in other tabs. */
  const tell = (type: 'delivered' | 'withdrawn', records: OutboxRecord[]) =>
    announceBySurvey(
      type,
      records.map((r) => ({ id: r.id, survey: surveyOf(r)! })),
    );
  /** Answers that reached their route: announced, and their receipts kept `withdraw.days` from now. */
  const delivered = (records: OutboxRecord[]) => {
    // Nothing acknowledged stays for page-leave or a write-back (a contact above all: no copy after delivery).
    records.forEach((r) => mine.delete(r.id));
    const answers = records.filter((r) => !isWithdrawal(r) && !isContact(r));
    tell('delivered', answers);
    // Whichever survey delivered them, each receipt keeps its own survey's withdraw.days from now.
    const ids = answers.map((r) => r.id);
    // On failure the receipt keeps its first (longer) expiry.
    if (ids.length) void ready?.then(({ outbox }) => markDelivered(outbox.backend, ids, env.now())).catch(() => {});
  };

  // Webview bridge: offers batches to the app, deletes what it acks.
  const bridge =
    transport === 'bridge' ? bridgeOutbox(env.timers, delivered, () => ready?.then((r) => r.outbox)) : undefined;

  const withdraw = withdrawSender({
    other: (target, records) =>
      target === 'bridge'
        ? bridge!.withdraw(records)
        : target === route && typeof transport === 'function'
          ? customSend(() => (transport as CustomTransport).withdraw!(records.map((r) => r.id)), [], env.timers)
          : undefined,
    withdrawn: (records) => tell('withdrawn', records),
    error: hooks.error,
    now: env.now,
  });

  /** Sends one batch of `r`: the bridge, this instance's function, or any endpoint URL. */
  const send = (outbox: Outbox) => async (r: string, records: OutboxRecord[]) => {
    if (r.startsWith(WITHDRAW)) return withdraw(outbox, r.slice(WITHDRAW.length), records, env.timers);
    if (r === 'bridge') return bridge!.offer(outbox, records);
    const batch = wireBatch(records);
    return r === route && typeof transport === 'function'
      ? customSend(transport, batch.responses, env.timers)
      : fetchSend(r, JSON.stringify(batch), false, env.timers);
  };

  const start = () =>
    (ready ??= env
      .open((mode, why) => hooks.error(why || `storage fell back to ${mode}`))
      .then((opened) => {
        connect();
        const outbox = createOutbox(guard(opened, env.timers));
        flusher = createFlusher({
          outbox,
          canSend: (r) => {
            const target = r.startsWith(WITHDRAW) ? r.slice(WITHDRAW.length) : r;
            return target.startsWith('http') || target === route;
          },
          send: send(outbox),
          now: env.now,
          timers: env.timers,
          online: env.online,
          random: env.random,
          delivered,
          dropped: (r, reason) =>
            isWithdrawal(r)
              ? hooks.error(
                  `answer ${r.id} could not be withdrawn: ${reason} before ${r.route.slice(WITHDRAW.length)} confirmed it`,
                )
              : (announce({ type: 'dropped', survey: surveyOf(r)!, ids: [r.id], reason }),
                // An answer given up on cannot be taken back: its receipt (score, comment, secret) goes too.
                void outbox.backend.del([receiptKey(r.id)]).catch(() => {})),
          error: hooks.error,
          debug: config.debug ? (message) => console.debug(`[Candor] ${message}`) : undefined,
        });
        if (closed) flusher.close();
        return { outbox, flusher };
      }));

  const leaving = () =>
    leave([...mine.values()], {
      budget: env.budget,
      timers: env.timers,
      now: env.now,
      outbox: () => ready?.then((r) => r.outbox),
      acked: delivered,
    });
  // Visible again: what left unacknowledged may go again on the next hide.
  const onHidden = () => (document.visibilityState === 'hidden' ? leaving() : env.budget.left.clear());
  const onOnline = () => void ready?.then(({ flusher }) => flusher.flush());
  // The database was deleted under the page: write back this instance's undelivered answers.
  const restore = () => void ready?.then(({ outbox }) => outbox.restore([...mine.values()])).catch(() => {});
  env.lost.add(restore);

  if (typeof window !== 'undefined') {
    addEventListener('pagehide', leaving);
    addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onHidden);
    // Deliver what earlier pages left, without creating storage that isn't there.
    void env
      .mayHoldRecords()
      .then((yes) => {
        if (yes && !closed) return start().then(({ flusher }) => flusher.flush());
      })
      .catch(() => {});
  }

  return {
    route,

    /** Stores an answer and its receipt (resolves once committed), then starts delivering it. */
    async submit(body: NpsResponse, receipt?: Receipt): Promise<void> {
      const { outbox, flusher } = await start();
      const record = await outbox.add(route, body, env.now(), config.ttlDays * 86_400_000, {
        also: receipt && [receiptKey(receipt.id), receipt],
      });
      mine.set(record.id, record);
      if (outbox.backend.mode === 'indexeddb') env.holdsRecords?.();
      void flusher.flush();
    },

    /**
     * Stores a contact left for answer `contact.answerId` (resolves once
     * committed), notes on the answer's receipt that one was left, then
     * delivers it. The device keeps no copy of the address once delivered.
     */
    async submitContact(contact: NpsContact): Promise<void> {
      const { outbox, flusher } = await start();
      const record = await outbox.add(route, contact, env.now(), config.ttlDays * 86_400_000, { survey });
      mine.set(record.id, record);
      await outbox.backend
        .update<Receipt>(receiptKey(contact.answerId), (r) => (r ? { ...r, contact: true } : undefined))
        .catch(() => {}); // The receipt is a note for export(): the contact is stored either way.
      void flusher.flush();
    },

    /** Delivers what is due now. */
    flush: async () => ((await env.mayHoldRecords()) || ready ? (await start()).flusher.flush() : undefined),

    /** This survey's stored answers and queued withdrawals, and its receipts, without creating storage. */
    async stored(): Promise<{ records: OutboxRecord[]; receipts: Receipt[] }> {
      if (!ready && !(await env.mayHoldRecords())) return { records: [], receipts: [] };
      const { outbox } = await start();
      return {
        records: (await outbox.all()).filter((r) => surveyOf(r) === survey),
        receipts: (await receipts(outbox.backend)).filter((r) => r.survey === survey),
      };
    },

    /**
     * Deletes this survey's answers from the device (`ids`: only those) and,
     * for each that has a receipt, queues its withdrawal in the same
     * transaction: resolves once that is committed. Receipts go with it.
     */
    async forget(ids?: string[]): Promise<void> {
      const { records, receipts } = await this.stored();
      const { answers, known, asks } = plan(records, receipts, ids, env.now(), config.ttlDays * 86_400_000);
      answers.forEach((r) => mine.delete(r.id));
      if (!answers.length && !known.length) return;
      const { outbox, flusher } = await start();
      await outbox.replace(
        answers,
        asks,
        [],
        known.map((r) => receiptKey(r.id)),
      );
      if (asks.length) void flusher.flush();
    },

    close() {
      closed = true;
      unlisten();
      bridge?.stop();
      flusher?.close();
      env.lost.delete(restore);
      if (typeof window === 'undefined') return;
      removeEventListener('pagehide', leaving);
      removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onHidden);
    },
  };
}

/** The delivery API of one instance. */
export type Delivery = ReturnType<typeof createDelivery>;
