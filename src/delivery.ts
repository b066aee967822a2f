import type { Config } from './config.js';
import type { NpsResponse } from './response.js';
import type { Env } from './browserEnv.js';
import { createOutbox, type Outbox, type OutboxRecord } from './outbox.js';
import { guard } from './storage/guard.js';
import { announceBySurvey, connect, listen } from './hub.js';
import { leave } from './unload.js';
import { markDelivered, receiptKey, receipts, type Receipt } from './receipts.js';
import { isWithdrawal, plan } from './withdrawals.js';
import type { NpsContact } from './contact.js';
import { isContact, surveyOf } from './outboxRecord.js';
import type { Sending } from './sending.js';
import { loadSending, sendingLoaded } from './sendingCode.js';

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
  const { survey } = config;
  const route = routeOf(config);
  // This instance's accepted, undelivered answers: what it can still send when the page goes away.
  const mine = new Map<string, OutboxRecord>();
  let ready: Promise<{ outbox: Outbox }> | undefined;
  let sender: Promise<Sending> | undefined;
  let sending: Sending | undefined;
  let closed = false;
  /** Said once per instance: the answers are stored and wait for a page where the code loads. */
  let toldMissing = false;

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

  /** Opens the outbox (never creating storage by itself: callers decide). */
  const start = () =>
    (ready ??= env
      .open((mode, why) => hooks.error(why || `storage fell back to ${mode}`))
      .then((opened) => {
        connect();
        return { outbox: createOutbox(guard(opened, env.timers)) };
      }));

  /** The outbox's sending: the sending code loaded (at once if it is), on the open outbox. */
  const sendingOf = (): Promise<Sending> =>
    (sender ??= start()
      .then(async ({ outbox }) => {
        const code = sendingLoaded() ?? (await loadSending());
        sending = code.createSending({
          config,
          route,
          env,
          outbox,
          delivered,
          withdrawn: (records) => tell('withdrawn', records),
          error: hooks.error,
        });
        if (closed) sending.close();
        return sending;
      })
      .catch((error: Error) => {
        sender = undefined; // the next flush tries again
        throw error;
      }));

  /** Delivers what is due; stored records wait (for a later flush or page) if the sending code cannot load. */
  const flushNow = async (): Promise<void> => {
    if (sending) return sending.flush();
    let s: Sending;
    try {
      s = await sendingOf();
    } catch (error) {
      // Storage did not open (the code is in): told through `error` already; stored answers wait.
      // Offline, the code could not load: not a fault; `online` tries again (and the next page view would).
      if (!sendingLoaded() && !toldMissing && !closed && env.online()) {
        toldMissing = true;
        hooks.error(
          `the delivery code did not load (${(error as Error)?.message}); stored answers wait for a later page`,
        );
      }
      return;
    }
    return s.flush();
  };

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
  const onOnline = () => void (ready && flushNow());
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
        if (yes && !closed) return start().then(flushNow);
      })
      .catch(() => {});
  }

  return {
    route,

    /** Stores an answer and its receipt (resolves once committed), then starts delivering it. */
    async submit(body: NpsResponse, receipt?: Receipt): Promise<void> {
      const { outbox } = await start();
      const record = await outbox.add(route, body, env.now(), config.ttlDays * 86_400_000, {
        also: receipt && [receiptKey(receipt.id), receipt],
      });
      mine.set(record.id, record);
      if (outbox.backend.mode === 'indexeddb') env.holdsRecords?.();
      void flushNow();
    },

    /**
     * Stores a contact left for answer `contact.answerId` (resolves once
     * committed), notes on the answer's receipt that one was left, then
     * delivers it. The device keeps no copy of the address once delivered.
     */
    async submitContact(contact: NpsContact): Promise<void> {
      const { outbox } = await start();
      const record = await outbox.add(route, contact, env.now(), config.ttlDays * 86_400_000, { survey });
      mine.set(record.id, record);
      await outbox.backend
        .update<Receipt>(receiptKey(contact.answerId), (r) => (r ? { ...r, contact: true } : undefined))
        .catch(() => {}); // The receipt is a note for export(): the contact is stored either way.
      void flushNow();
    },

    /** Delivers what is due now. */
    flush: async () => ((await env.mayHoldRecords()) || ready ? (await start(), flushNow()) : undefined),

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
      const { outbox } = await start();
      await outbox.replace(
        answers,
        asks,
        [],
        known.map((r) => receiptKey(r.id)),
      );
      if (asks.length) void flushNow();
    },

    close() {
      closed = true;
      unlisten();
      sending?.close();
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
