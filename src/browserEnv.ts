import type { Backend } from './storage/backend.js';
import { openBackend } from './storage/open.js';
import { idbBackend, idbExists } from './storage/idb.js';
import { LOCAL_PREFIX, localBackend } from './storage/local.js';
import { memoryBackend } from './storage/memory.js';
import { RECORD } from './storage/keys.js';
import { realTimers, type Timers } from './lib/timers.js';
import { createClock, type Clock } from './lib/clock.js';
import { throttle } from './throttle.js';
import { createBudget, type Budget } from './unload.js';

/** The parts of the world delivery touches; tests pass their own. */
export interface Env {
  now: Clock;
  timers: Timers;
  random: () => number;
  online: () => boolean;
  /** Opens storage: IndexedDB, else localStorage, else memory; `onDegraded` hears a fallback (each caller once). */
  open: (onDegraded: (mode: Backend['mode'], why: string) => void) => Promise<Backend>;
  /** Called when the database was deleted or closed under the page (to write back what the page holds). */
  lost: Set<() => void>;
  /** Whether storage may already hold records, checked without creating anything. */
  mayHoldRecords: () => Promise<boolean>;
  /** Notes that IndexedDB now holds records, where `mayHoldRecords` could not tell otherwise. */
  holdsRecords?: () => void;
  /** The page's keepalive budget at page leave, shared by every instance. */
  budget: Budget;
}

// One page, one of each: the storage opening, its fallback reason, the clock.
let shared: Promise<Backend> | undefined;
let sharedFor: unknown;
let degraded = '';
let clock: Clock | undefined;
const lost = new Set<() => void>();
const budget = createBudget();

/**
 * Where `indexedDB.databases()` is missing (Firefox before 126) and the
 * throttle record is not stored, this localStorage item says "the outbox
 * database holds answers" (docs/privacy.md: written only after an answer).
 */
export const HOLDS_KEY = `${LOCAL_PREFIX}idb`;

const hasLocal = () => {
  try {
    return Object.keys(localStorage).some((k) => k.startsWith(LOCAL_PREFIX + RECORD) || k === HOLDS_KEY);
  } catch {
    return false; // No localStorage: nothing there either.
  }
};

/** The real browser. Storage is opened once per page and shared by every instance, and so is the clock. */
export const browserEnv = (): Env => ({
  now: (clock ??= createClock()),
  timers: realTimers,
  random: Math.random,
  online: () => navigator.onLine !== false,
  lost,
  budget,
  open: (onDegraded) => {
    // One opening per page (per IndexedDB factory: a test's fresh one is a new page's storage).
    if (sharedFor !== globalThis.indexedDB) ((shared = undefined), (degraded = ''));
    sharedFor = globalThis.indexedDB;
    shared ??= openBackend((mode, why) => (degraded = `storage fell back to ${mode} (${why})`), realTimers, [
      () => idbBackend(() => lost.forEach((fn) => fn())),
      localBackend,
      memoryBackend,
    ]);
    // Every instance on the page hears the fallback, not only the first to open.
    return shared.then((backend) => (degraded && onDegraded(backend.mode, degraded), backend));
  },
  async mayHoldRecords() {
    const exists = await idbExists();
    const answered = Object.values(throttle(true).read()).some((t) => t?.answeredAt);
    // Where indexedDB.databases() is missing, a recorded answer (or the marker) is the hint that an outbox exists.
    return hasLocal() || (exists ?? answered);
  },
  holdsRecords() {
    try {
      if (!globalThis.indexedDB?.databases) localStorage.setItem(HOLDS_KEY, '1');
    } catch {
      // No localStorage: the throttle record is the only hint left.
    }
  },
});
