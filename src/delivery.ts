import type { Config } from './config.js';
import type { NpsResponse } from './response.js';
import type { Backend } from './storage/backend.js';
import { openBackend, realTimers, type Timers } from './storage/open.js';
import { idbBackend, idbExists } from './storage/idb.js';
import { LOCAL_PREFIX, localBackend } from './storage/local.js';
import { memoryBackend } from './storage/memory.js';
import { createOutbox, LIMITS, type OutboxRecord } from './outbox.js';
import { createFlusher, type Flusher } from './flusher.js';
import { fetchSend } from './transports/fetch.js';
import { beaconSend } from './transports/beacon.js';
import { customSend } from './transports/custom.js';
import { bridgeOutbox } from './bridgeOutbox.js';
import { createClock } from './lib/clock.js';
import { throttle } from './throttle.js';

/** Keepalive requests a page may have in flight (browsers allow 64 KB). */
export const KEEPALIVE_BYTES = 60 * 1024;

/** The parts of the world delivery touches; tests pass their own. */
export interface Env {
  now: () => number;
  timers: Timers;
  random: () => number;
  online: () => boolean;
  /** Opens storage: IndexedDB, else localStorage, else memory. */
  open: (onDegraded: (mode: Backend['mode'], why: string) => void) => Promise<Backend>;
  /** Called when the database was deleted or closed under the page (to write back what the page holds). */
  lost: Set<() => void>;
  /** Whether storage may already hold records, checked without creating anything. */
  mayHoldRecords: () => Promise<boolean>;
}

let shared: Promise<Backend> | undefined;
let sharedFor: unknown;
let degraded = '';
const lost = new Set<() => void>();

/** The real browser. Storage is opened once per page and shared by every instance. */
export const browserEnv = (): Env => ({
  now: createClock(),
  timers: realTimers,
  random: Math.random,
  online: () => navigator.onLine !== false,
  lost,
  open: (onDegraded) => {
    // One opening per page (per IndexedDB factory: a test's fresh one is a new page's storage).
    if (sharedFor !== globalThis.indexedDB) shared = undefined;
    sharedFor = globalThis.indexedDB;
    return (shared ??= openBackend(
      (mode, why) => onDegraded(mode, (degraded = `storage fell back to ${mode} (${why})`)),
      realTimers,
      [() => idbBackend(() => lost.forEach((fn) => fn())), localBackend, memoryBackend],
    ));
  },
  async mayHoldRecords() {
    const exists = await idbExists();
    let local = false;
    try {
      local = Object.keys(localStorage).some((k) => k.startsWith(LOCAL_PREFIX));
    } catch {
      // No localStorage: nothing there either.
    }
    const answered = Object.values(throttle(true).read()).some((t) => t.answeredAt);
    // Where indexedDB.databases() is missing, a recorded answer is the hint that an outbox exists.
    return local || (exists ?? answered);
  },
});

/** What delivery reports back to its instance (already filtered to its survey). */
export interface DeliveryHooks {
  delivered(ids: string[]): void;
  dropped(id: string, reason: string): void;
  error(message: string): void;
}

/**
 * The outbox and its flusher for one instance. Nothing is opened before the
 * first accepted answer, unless storage already holds records from earlier.
 */
export function createDelivery(config: Config, hooks: DeliveryHooks, env: Env) {
  const { survey, transport } = config;
  const route =
    transport === 'bridge' ? 'bridge' : typeof transport === 'function' ? `custom:${survey}` : config.endpoint!;
  // This tab's accepted, undelivered answers: what it can still send when the page goes away.
  const mine = new Map<string, OutboxRecord>();
  const ours = (records: OutboxRecord[]) => records.filter((r) => r.body.survey === survey);
  let flusher: Flusher | undefined;
  let ready: Promise<{ outbox: ReturnType<typeof createOutbox>; flusher: Flusher }> | undefined;
  let closed = false;

  const delivered = (records: OutboxRecord[]) => {
    records.forEach((r) => mine.delete(r.id));
    const ids = ours(records).map((r) => r.id);
    if (ids.length) hooks.delivered(ids);
  };

  // Webview bridge: offers batches to the app, deletes what it acks.
  const bridge =
    transport === 'bridge' ? bridgeOutbox(env.timers, delivered, () => ready?.then((r) => r.outbox)) : undefined;

  const start = () =>
    (ready ??= env
      .open((mode) => hooks.error(degraded || `storage fell back to ${mode}`))
      .then((backend) => {
        const outbox = createOutbox(backend);
        flusher = createFlusher({
          outbox,
          canSend: (r) => r.startsWith('http') || r === route,
          send: async (r, records) => {
            const bodies = records.map((x) => x.body);
            if (r === 'bridge') return bridge!.offer(outbox, records);
            return r === route && typeof transport === 'function'
              ? customSend(transport, bodies)
              : fetchSend(r, JSON.stringify({ v: 1, responses: bodies }), false, env.timers);
          },
          now: env.now,
          timers: env.timers,
          online: env.online,
          random: env.random,
          delivered,
          dropped: (r, reason) => {
            mine.delete(r.id);
            if (r.body.survey === survey) hooks.dropped(r.id, reason);
          },
          error: hooks.error,
        });
        if (closed) flusher.close();
        return { outbox, flusher };
      }));

  // Keepalive bytes this page has in flight (browsers cap them at 64 KB per page), and what left already.
  let inFlight = 0;
  const left = new Set<string>();

  /** Sends this tab's undelivered answers with keepalive (≤ 60 KB in flight), the rest by beacon. */
  const leaving = () => {
    const queue = [...mine.values()].filter((r) => r.route.startsWith('http') && !left.has(r.id));
    while (queue.length) {
      const batch = [queue.shift()!];
      let bytes = batch[0]!.bytes;
      while (
        queue[0] &&
        batch.length < LIMITS.batch &&
        bytes + queue[0].bytes <= LIMITS.batchBytes &&
        queue[0].route === batch[0]!.route
      ) {
        bytes += queue[0].bytes;
        batch.push(queue.shift()!);
      }
      const body = JSON.stringify({ v: 1, responses: batch.map((r) => r.body) });
      // The browser's keepalive cap counts bytes on the wire, not UTF-16 code units.
      const size = new TextEncoder().encode(body).length;
      if (inFlight + size <= KEEPALIVE_BYTES) {
        inFlight += size;
        batch.forEach((r) => left.add(r.id));
        // If the page lives on (it was only hidden), an acknowledgement still deletes them.
        void fetchSend(batch[0]!.route, body, true, env.timers).then(async ({ status }) => {
          inFlight -= size;
          if ((status < 200 || status > 299) && status !== 409) return batch.forEach((r) => left.delete(r.id));
          await (await ready)?.outbox.remove(batch);
          delivered(batch);
        });
      } else if (beaconSend(batch[0]!.route, body)) {
        // No acknowledgement: kept, marked, and sent again by a later flush (the server dedupes).
        batch.forEach((r) => (left.add(r.id), (r.beaconedAt = env.now())));
        void ready?.then(({ outbox }) => outbox.save(batch)).catch(() => {});
      }
    }
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') leaving();
    else left.clear();
  };
  const onOnline = () => void flusher?.flush();
  // The database was deleted under the page: write back this tab's undelivered answers.
  const restore = () => void ready?.then(({ outbox }) => outbox.restore([...mine.values()])).catch(() => {});
  env.lost.add(restore);

  if (typeof window !== 'undefined') {
    addEventListener('pagehide', leaving);
    addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onHidden);
    // Deliver what earlier pages left, without creating storage that isn't there.
    void env.mayHoldRecords().then((yes) => {
      if (yes && !closed) return start().then(({ flusher }) => flusher.flush());
    });
  }

  return {
    route,

    /** Stores an answer (resolves once committed), then starts delivering it. */
    async submit(body: NpsResponse): Promise<void> {
      const { outbox, flusher } = await start();
      const record = await outbox.add(route, body, env.now(), config.ttlDays * 86_400_000);
      mine.set(record.id, record);
      void flusher.flush();
    },

    /** Delivers what is due now. */
    flush: async () => ((await env.mayHoldRecords()) || ready ? (await start()).flusher.flush() : undefined),

    /** This survey's stored answers (and set-aside entries), without creating storage. */
    async stored(): Promise<OutboxRecord[]> {
      if (!ready && !(await env.mayHoldRecords())) return [];
      return ours(await (await start()).outbox.all());
    },

    /** Deletes this survey's stored answers. */
    async forget(): Promise<void> {
      const rows = await this.stored();
      rows.forEach((r) => mine.delete(r.id));
      if (rows.length) await (await start()).outbox.remove(rows);
    },

    close() {
      closed = true;
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
