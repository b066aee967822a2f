import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AddressOf } from './address.js';
import { createRateLimiter, sweepEvery } from './rateLimit.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Wrong tokens a client address may send per minute before every read from it is refused for the rest of it. */
export const FAILED_ATTEMPTS_PER_MINUTE = 10;

/**
 * Who a read is from: the admin (everything, raw answers included) or a viewer of the team
 * (aggregates only, under the suppression rules: docs/collector.md, "Who sees what").
 */
export type Role = 'admin' | 'viewer';

/** The role `readAuth` found for this request; a route reached without it counts as a viewer's. */
export const roleOf = (c: Context): Role =>
  (c.get as (key: string) => unknown)('role') === 'admin' ? 'admin' : 'viewer';

/** The tokens reads accept: the admin's, and the viewers' when there is one. */
export interface ReadTokens {
  admin: string;
  viewer?: string | undefined;
}

/**
 * Answered 403 for a viewer: the routes that hold answers one by one (the CSV, comments, replies,
 * contacts) or the collector's own business (metrics).
 */
export const adminOnly: MiddlewareHandler = async (c, next) => {
  if (roleOf(c) === 'admin') return next();
  return c.json(
    {
      error: `forbidden: ${new URL(c.req.url).pathname} needs the admin token; the viewer token reads aggregates only`,
    },
    403,
  );
};

/**
 * Reads expose comments, so every one needs `Authorization: Bearer <token>`
 * (the scheme in any case, RFC 9110 §11.1), wherever it comes from: a proxy
 * on the same machine makes every client look local, so "local" proves
 * nothing. Wrong tokens are counted per client address; past
 * `FAILED_ATTEMPTS_PER_MINUTE` the address gets 429 until its minute is over.
 */
export function readAuth(
  tokens: ReadTokens,
  addressOf: AddressOf,
  now: () => number = Date.now,
  signal?: AbortSignal,
): MiddlewareHandler {
  const admin = digest(tokens.admin);
  const viewer = tokens.viewer === undefined ? undefined : digest(tokens.viewer);
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
    if (given !== undefined) {
      // Digests have equal lengths, so the comparison time says nothing about the token; both are
      // compared every time, so it says nothing about which one matched either.
      const mine = digest(given);
      const isAdmin = timingSafeEqual(mine, admin);
      const isViewer = viewer !== undefined && timingSafeEqual(mine, viewer);
      if (isAdmin || isViewer) {
        (c.set as (key: string, value: Role) => void)('role', isAdmin ? 'admin' : 'viewer');
        return next();
      }
    }
    if (given !== undefined) failures.hit(address);
    c.header('WWW-Authenticate', 'Bearer realm="candor"');
    return c.json(
      {
        error: `authorization: ${given === undefined ? 'missing' : 'wrong token'}, expected "Bearer <admin or viewer token>" (CANDOR_ADMIN_TOKEN or CANDOR_VIEWER_TOKEN, or the links the collector printed at start)`,
      },
      401,
    );
  };
}
