import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import type { AddressOf } from './address.js';

/** Requests per minute per client address when CANDOR_RATE_LIMIT is not set. */
export const DEFAULT_RATE_LIMIT = 60;
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
 * A fixed-window counter per client, in memory only. Entries are forgotten
 * once their window is over (swept at most once a window), so the map holds
 * only the clients of the last minute.
 */
export function createRateLimiter(limit: number, now: () => number = Date.now) {
  const salt = randomBytes(32);
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = now() + WINDOW_MS;

  return {
    /** Counts a request; `retryAfter` (whole seconds, ≥ 1) when it is over the limit. */
    hit(address: string): { ok: true } | { ok: false; retryAfter: number } {
      const t = now();
      if (t >= nextSweep) {
        for (const [key, w] of windows) if (t >= w.resetAt) windows.delete(key);
        nextSweep = t + WINDOW_MS;
      }
      const key = clientKey(address, salt);
      let w = windows.get(key);
      if (!w || t >= w.resetAt) windows.set(key, (w = { count: 0, resetAt: t + WINDOW_MS }));
      if (w.count >= limit) return { ok: false, retryAfter: Math.max(1, Math.ceil((w.resetAt - t) / 1000)) };
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
    /** How many clients are remembered right now. */
    get size() {
      return windows.size;
    },
  };
}

/** 429 with `Retry-After` once a client is over `limit` requests a minute; `limit` 0 lets everything through. */
export function rateLimited(limit: number, addressOf: AddressOf, now: () => number): MiddlewareHandler {
  const limiter = limit > 0 ? createRateLimiter(limit, now) : undefined;
  return async (c, next) => {
    const verdict = limiter?.hit(addressOf(c) ?? 'unknown');
    if (!verdict || verdict.ok) return next();
    c.header('Retry-After', String(verdict.retryAfter));
    return c.json({ error: `rate limit: over ${limit} requests a minute, retry in ${verdict.retryAfter} s` }, 429);
  };
}
