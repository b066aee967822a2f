// A live collector for each test, on a clock the test may move: the set-up of the tests where
// time decides what is kept (withdrawals, tombstones, contacts).
import { afterEach, vi } from 'vitest';
import type { StartOptions } from '../../demo/collector/start.js';
import type { Backend } from './backends.js';
import { storedIds } from './fixtures.js';
import { live, type Live } from './live.js';
import { tombstones, type TombstoneRow } from './peek.js';

/** 2026-11-22 10:37:12 UTC: the collector's clock unless a test moves it. */
export const ARRIVAL = Date.UTC(2026, 10, 22, 10, 37, 12);

export interface EachLive {
  /** Starts this test's collector on `backend`, its clock `now` unless `options` give another. */
  start(backend: Backend, env?: Record<string, string>, options?: StartOptions): Promise<Live>;
  /** This test's collector, once started. */
  readonly c: Live;
  /** The collector's clock (ms since the epoch); back to `ARRIVAL` after each test. */
  now: number;
  /** Every id the collector stores for "checkout" in 2026, sorted. */
  stored(): Promise<string[]>;
  /** The tombstones the collector keeps, in a stable order. */
  tombstones(): Promise<TombstoneRow[]>;
}

/** Called once at the top of a test file: after each test, real timers, the collector closed and the clock reset. */
export function eachLive(): EachLive {
  let current: Live | undefined;
  const session: EachLive = {
    now: ARRIVAL,
    start: async (backend, env = {}, options = {}) =>
      (current = await live(backend, env, { now: () => session.now, ...options })),
    get c() {
      if (!current) throw new Error('eachLive: start() the collector first');
      return current;
    },
    stored: () => storedIds(session.c.running.storage),
    tombstones: () => tombstones(session.c.where),
  };
  afterEach(async () => {
    vi.useRealTimers();
    await current?.close();
    current = undefined;
    session.now = ARRIVAL;
  });
  return session;
}
