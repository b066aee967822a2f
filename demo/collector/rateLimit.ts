import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import type { AddressOf } from './address.js';

/** Requests per minute per client address when CANDOR_RATE_LIMIT is not set. */
export const DEFAULT_RATE_LIMIT = 60;
/** Clients the rate limiter remembers at most when CANDOR_RATE_LIMIT_MAX_CLIENTS is not set (about 23 MB at most). */
export const DEFAULT_MAX_CLIENTS = 100_000;
/** Requests per minute from all clients together when CANDOR_GLOBAL_RATE_LIMIT is not set. */
export const DEFAULT_GLOBAL_RATE_LIMIT = 6000;
const WINDOW_MS = 60_000;

/**
 * The key a client is counted under. IPv6 clients usually hold a whole /64,
 * so counting single addresses would let one client rotate past the limit;
 * IPv4-mapped IPv6 is plain IPv4. The key is an HMAC with a salt that lives
 * only in this process: no IP address is kept, even in memory.
 */
export function clientKey(address: string, salt: Buffer): string {
  let group = address.replace(/^::ffff:(?=\d+\.)/i, '');
  if (isIPv6(group)) group = expandIPv6(group).slice(0, 4).join(':');
  return createHmac('sha256', salt).update(group).digest('base64url').slice(0, 22);
}

/** "2001:db8::1" → the 8 groups, zero-padded ("2001", "0db8", "0000", …). */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.replace(/%.*$/, '').toLowerCase().split('::') as [string, string?];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => g.padStart(4, '0'));
}

/**
 * A fixed-window counter per client, in memory only, bounded: at most
 * `maxClients` are remembered (about 230 bytes each), the least recently seen
 * forgotten first when a flood of new addresses fills it — a forgotten client
 * only starts counting afresh. Expired windows are dropped by `sweep()`, which
 * `rateLimited` runs on a timer: a request never walks the whole map.
 */
export function createRateLimiter(limit: number, now: () => number = Date.now, maxClients = DEFAULT_MAX_CLIENTS) {
  const salt = randomBytes(32);
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recent first.
  const windows = new Map<string, { count: number; resetAt: number }>();

  return {
    /** Counts a request; `retryAfter` (whole seconds, ≥ 1) when it is over the limit. */
    hit(address: string): { ok: true } | { ok: false; retryAfter: number } {
      const t = now();
      const key = clientKey(address, salt);
      let w = windows.get(key);
      windows.delete(key);
      if (!w || t >= w.resetAt) w = { count: 0, resetAt: t + WINDOW_MS };
      windows.set(key, w);
      if (windows.size > maxClients) windows.delete(windows.keys().next().value!);
      if (w.count >= limit) return { ok: false, retryAfter: secondsUntil(w.resetAt, t) };
      w.count++;
      return { ok: true };
    },
    /** Whole seconds until `address` may make a request again (≥ 1), or 0 when it is not over the limit; counts nothing. */
    blocked(address: string): number {
      const t = now();
      const w = windows.get(clientKey(address, salt));
      if (!w || t >= w.resetAt || w.count < limit) return 0;
      return Math.max(1, Math.ceil((w.resetAt - t) / 1000));
    },
    /** Forgets every client whose window is over. */
    sweep(): void {
      const t = now();
      for (const [key, w] of windows) if (t >= w.resetAt) windows.delete(key);
    },
    /** How many clients are remembered right now. */
    get size() {
      return windows.size;
    },
  };
}

/** A fixed-window counter of every request together (per collector process). */
export function createQuota(limit: number, now: () => number = Date.now) {
  let count = 0;
  let resetAt = -Infinity;
  return {
    /** Counts a request; `retryAfter` (whole seconds, ≥ 1) when the quota is spent. */
    hit(): { ok: true } | { ok: false; retryAfter: number } {
      const t = now();
      if (t >= resetAt) ((count = 0), (resetAt = t + WINDOW_MS));
      if (count >= limit) return { ok: false, retryAfter: secondsUntil(resetAt, t) };
      count++;
      return { ok: true };
    },
  };
}

const secondsUntil = (at: number, t: number) => Math.max(1, Math.ceil((at - t) / 1000));

/** How the POST limits are set; 0 turns a limit off. */
export interface RateLimits {
  /** CANDOR_RATE_LIMIT: POSTs per minute per client address. */
  perClient: number;
  /** CANDOR_RATE_LIMIT_MAX_CLIENTS: clients remembered at most. */
  maxClients?: number;
}

/**
 * Forgets `limiter`'s expired clients once a window, on a timer (never inside
 * a request), until `signal` aborts (the collector closes). The timer never
 * keeps the process alive.
 */
export function sweepEvery(limiter: { sweep(): void }, signal?: AbortSignal): void {
  if (signal?.aborted) return;
  const timer = setInterval(() => limiter.sweep(), WINDOW_MS).unref();
  signal?.addEventListener('abort', () => clearInterval(timer), { once: true });
}

/**
 * 429 with `Retry-After` once a client is over its limit a minute: every POST
 * counts, whatever comes of it. (The global quota is `admission`'s, counted
 * only for valid batches.) The sweep timer stops when `signal` aborts (the
 * collector closes); it never keeps the process alive.
 */
export function rateLimited(
  limits: RateLimits,
  addressOf: AddressOf,
  now: () => number,
  signal?: AbortSignal,
): MiddlewareHandler {
  const limiter = limits.perClient > 0 ? createRateLimiter(limits.perClient, now, limits.maxClients) : undefined;
  if (limiter) sweepEvery(limiter, signal);
  return async (c, next) => {
    const mine = limiter?.hit(addressOf(c) ?? 'unknown');
    if (mine && !mine.ok) {
      c.header('Retry-After', String(mine.retryAfter));
      return c.json(
        { error: `rate limit: over ${limits.perClient} requests a minute, retry in ${mine.retryAfter} s` },
        429,
      );
    }
    return next();
  };
}
