import type { Backend } from '../storage/backend.js';
import { LEASE } from '../storage/keys.js';

/** How long a tab's claim on delivery lasts without renewal. */
export const LEASE_MS = 30_000;
/** Returned when another tab is delivering. */
export const BUSY = Symbol('busy');

interface Lease {
  tab: string;
  until: number;
}
const LOCK = 'candor-outbox';

/** Thrown by `renew` when another tab took the lease over: stop, it delivers now. */
export class LeaseLost extends Error {}

// A lease is held only while its expiry lies within one lease length from now:
// one written by a clock that ran ahead (or any far-future value) is stale.
/**
 * Tabs' clocks may disagree by a little (timer coarsening, a clock corrected in one tab first): a
 * lease just taken by a tab a few ms ahead is still held. Further ahead than this is a wrong clock.
 */
const SKEW_MS = 1000;
const held = (lease: Lease | undefined, now: number) =>
  !!lease && lease.until > now && lease.until - now <= LEASE_MS + SKEW_MS;

// Set once Web Locks threw SecurityError (an opaque origin: a sandboxed frame): no locks, the lease alone.
let noLocks = false;

/**
 * Runs `fn` as the one tab delivering: under a Web Lock held for this call
 * only (where the browser has them and allows them) and a lease record with an
 * expiry, taken in one IndexedDB transaction. A frozen tab's stale lease is
 * taken over, and its lock stolen. Without Web Locks the lease alone decides.
 * `fn` gets `renew()`, to call before each step that may take long (a send):
 * it extends the lease, or throws `LeaseLost` when another tab took it over.
 * `me` names the claimant (one per flusher, so two instances on a page don't share a claim).
 */
export async function lead<T>(
  backend: Backend,
  now: () => number,
  me: string,
  fn: (renew: () => Promise<void>) => Promise<T>,
): Promise<T | typeof BUSY> {
  const renew = async () => {
    let mine = false;
    await backend.update<Lease>(LEASE, (lease) => {
      if (lease?.tab !== me) return undefined;
      mine = true;
      return { tab: me, until: now() + LEASE_MS };
    });
    if (!mine) throw new LeaseLost('another tab took over delivery');
  };
  // Given the Web Lock, no live tab is delivering: a lease a crashed tab left is taken at once.
  // A stolen lock claims the lease only if it is still free (`locked` false), as without locks.
  const claim = async (locked: boolean): Promise<T | typeof BUSY> => {
    let mine = false;
    await backend.update<Lease>(LEASE, (lease) => {
      if (!locked && lease?.tab !== me && held(lease, now())) return undefined;
      mine = true;
      return { tab: me, until: now() + LEASE_MS };
    });
    if (!mine) return BUSY;
    try {
      return await fn(renew);
    } finally {
      await backend.update<Lease>(LEASE, (lease) => (lease?.tab === me ? { tab: me, until: 0 } : undefined));
    }
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks?.request || noLocks) return claim(false);
  // Another tab may steal the lock while `claim` runs (it saw a stale lease: this tab was
  // frozen, or had only just taken the lock). The request then rejects, but `claim` goes on
  // under its lease: its outcome is this call's, not an error.
  let claimed: Promise<T | typeof BUSY> | undefined;
  const run = (locked: boolean) => () => (claimed = claim(locked));
  const request = (options: LockOptions, cb: (lock: Lock | null) => unknown) => {
    try {
      return locks.request(LOCK, options, cb);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  let security = false;
  const failed = (error: unknown) => {
    if (claimed && (error as DOMException)?.name === 'AbortError') return claimed;
    // Web Locks refused (SecurityError in an opaque origin): that means "no locks", not "no delivery".
    if (!claimed && (error as DOMException)?.name === 'SecurityError') return ((security = noLocks = true), BUSY);
    throw error;
  };
  const got = await request({ ifAvailable: true }, (lock) => (lock ? run(true)() : BUSY)).catch(failed);
  if (security) return claim(false);
  if (got !== BUSY || claimed) return got as T | typeof BUSY;
  // The lock is held elsewhere; if that tab's lease ran out (or is not believable), it is frozen or gone.
  if (held((await backend.get(LEASE)) as Lease | undefined, now())) return BUSY;
  return request({ steal: true }, run(false)).catch(failed) as Promise<T | typeof BUSY>;
}
