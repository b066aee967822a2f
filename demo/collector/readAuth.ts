import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AddressOf } from './address.js';
import { createRateLimiter, sweepEvery } from './rateLimit.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Wrong tokens a client address may send per minute before every read from it is refused for the rest of it. */
export const FAILED_ATTEMPTS_PER_MINUTE = 10;

/**
 * Reads expose comments, so every one needs `Authorization: Bearer <token>`
 * (the scheme in any case, RFC 9110 §11.1), wherever it comes from: a proxy
 * on the same machine makes every client look local, so "local" proves
 * nothing. Wrong tokens are counted per client address; past
 * `FAILED_ATTEMPTS_PER_MINUTE` the address gets 429 until its minute is over.
 */
export function readAuth(
  token: string,
  addressOf: AddressOf,
  now: () => number = Date.now,
  signal?: AbortSignal,
): MiddlewareHandler {
  const expected = digest(token);
  const failures = createRateLimiter(FAILED_ATTEMPTS_PER_MINUTE, now);
  sweepEvery(failures, signal);
  return async (c, next) => {
    const address = addressOf(c) ?? 'unknown';
    const wait = failures.blocked(address);
    if (wait) {
      c.header('Retry-After', String(wait));
      return c.json({ error: `authorization: too many wrong tokens from this address, retry in ${wait} s` }, 429);
    }
    const given = /^bearer +(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    // Digests have equal lengths, so the comparison time says nothing about the token.
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    if (given !== undefined) failures.hit(address);
    c.header('WWW-Authenticate', 'Bearer realm="candor"');
    return c.json(
      {
        error: `authorization: ${given === undefined ? 'missing' : 'wrong token'}, expected "Bearer <admin token>" (CANDOR_ADMIN_TOKEN, or the link the collector printed at start)`,
      },
      401,
    );
  };
}
