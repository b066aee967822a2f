import type { Backend } from '../storage/backend.js';

/** How long a tab's claim on delivery lasts without renewal. */
export const LEASE_MS = 30_000;
/** Returned when another tab is delivering. */
export const BUSY = Symbol('busy');

interface Lease {
  tab: string;
  until: number;
}
const LOCK = 'candor-outbox';

/**
 * Runs `fn` as the one tab delivering: under a Web Lock held for this call
 * only (where the browser has them) and a lease record with an expiry, taken
 * in one IndexedDB transaction. A frozen tab's stale lease is taken over, and
 * its lock stolen. Without Web Locks the lease alone decides. `me` names the
 * claimant (one per flusher, so two instances on a page don't share a claim).
 */
export async function lead<T>(
  backend: Backend,
  now: () => number,
  me: string,
  fn: () => Promise<T>,
): Promise<T | typeof BUSY> {
  // Given the Web Lock, no live tab is delivering: a lease a crashed tab left is taken at once.
  // A stolen lock claims the lease only if it is still free (`locked` false), as without locks.
  const claim = async (locked: boolean): Promise<T | typeof BUSY> => {
    let mine = false;
    await backend.update<Lease>('lease', (lease) => {
      if (!locked && lease && lease.tab !== me && lease.until > now()) return undefined;
      mine = true;
      return { tab: me, until: now() + LEASE_MS };
    });
    if (!mine) return BUSY;
    try {
      return await fn();
    } finally {
      await backend.update<Lease>('lease', (lease) => (lease?.tab === me ? { tab: me, until: 0 } : undefined));
    }
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return claim(false);
  // Another tab may steal the lock while `claim` runs (it saw a stale lease: this tab was
  // frozen, or had only just taken the lock). The request then rejects, but `claim` goes on
  // under its lease: its outcome is this call's, not an error.
  let claimed: Promise<T | typeof BUSY> | undefined;
  const run = (locked: boolean) => () => (claimed = claim(locked));
  const stolen = (error: unknown) => {
    if (claimed && (error as DOMException)?.name === 'AbortError') return claimed;
    throw error;
  };
  const held = await locks.request(LOCK, { ifAvailable: true }, (lock) => (lock ? run(true)() : BUSY)).catch(stolen);
  if (held !== BUSY || claimed) return held;
  // The lock is held elsewhere; if that tab's lease ran out, it is frozen or gone.
  const lease = (await backend.get('lease')) as Lease | undefined;
  if (lease && lease.until > now()) return BUSY;
  return locks.request(LOCK, { steal: true }, run(false)).catch(stolen);
}
