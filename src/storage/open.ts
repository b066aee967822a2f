import type { Backend } from './backend.js';
import { idbBackend } from './idb.js';
import { localBackend } from './local.js';
import { memoryBackend } from './memory.js';
import { within } from '../lib/within.js';
import { realTimers, type Timers } from '../lib/timers.js';
import { ASIDE, end, LEASE, PAUSE, PROBE, RECORD, TOTAL } from './keys.js';

/** How long IndexedDB may take to open before the outbox falls back. */
export const OPEN_TIMEOUT_MS = 3000;

/**
 * Moves answers an earlier page kept in the localStorage fallback (IndexedDB
 * was broken then) into IndexedDB, so they are delivered and not stranded.
 */
async function adoptLocal(backend: Backend) {
  try {
    const local = localBackend();
    for (const prefix of [RECORD, ASIDE]) {
      const rows = await local.range(prefix, end(prefix));
      for (const [key, value] of rows) await backend.set(key, value);
      await local.del(rows.map(([key]) => key));
      // The byte total no longer counts every record: the outbox computes it again.
      if (prefix === RECORD && rows.length) await backend.del([TOTAL]);
    }
    // The fallback's lease and route pauses mean nothing once IndexedDB works; left behind, the
    // lease alone makes every later page think the outbox may hold records, and open it.
    await local.del([LEASE, TOTAL, ...(await local.range(PAUSE, end(PAUSE))).map(([key]) => key)]);
  } catch {
    // No localStorage: nothing to adopt.
  }
}

/**
 * Opens the best storage this page has: IndexedDB, else localStorage, else
 * memory. IndexedDB that is missing, throws, is blocked or hangs for more than
 * 3 s falls back, and `onDegraded` hears why (once per call).
 */
export async function openBackend(
  onDegraded: (mode: Backend['mode'], why: string) => void,
  timers: Timers = realTimers,
  candidates: (() => Backend)[] = [idbBackend, localBackend, memoryBackend],
): Promise<Backend> {
  let why = '';
  for (const make of candidates) {
    try {
      const backend = make();
      // A read opens the database (and creates it the first time): after consent only.
      await within(backend.get(PROBE), OPEN_TIMEOUT_MS, timers);
      if (backend.mode === 'localstorage') {
        await backend.set(PROBE, 1); // a full or disabled localStorage throws here
        await backend.del([PROBE]);
      }
      if (why) onDegraded(backend.mode, why);
      if (backend.mode === 'indexeddb') await adoptLocal(backend);
      return backend;
    } catch (error) {
      why ||= (error as Error)?.message || String(error);
    }
  }
  const backend = memoryBackend();
  onDegraded(backend.mode, why);
  return backend;
}
