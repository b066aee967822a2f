import type { Backend } from './backend.js';
import type { Timers } from '../lib/timers.js';
import { within } from '../lib/within.js';

/** How long one storage call may take before it counts as failed. */
export const STORAGE_TIMEOUT_MS = 15_000;

/**
 * The same backend, each call bounded: a call that never settles (a wedged
 * IndexedDB) rejects after 15 s, so a flush fails, re-arms and tries again
 * instead of waiting forever.
 */
export function guard(backend: Backend, timers: Timers): Backend {
  const bound =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A) =>
      within(fn(...args), STORAGE_TIMEOUT_MS, timers, 'storage did not answer', 1000);
  return {
    mode: backend.mode,
    get: bound(backend.get),
    set: bound(backend.set),
    del: bound(backend.del),
    range: bound(backend.range),
    update: bound(backend.update) as Backend['update'],
    count: bound(backend.count),
    transact: bound(backend.transact),
  };
}
