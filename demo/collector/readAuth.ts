import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { isLoopback, isLoopbackHost, type AddressOf } from './address.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Reads expose comments, so they need `Authorization: Bearer <token>` when
 * CANDOR_ADMIN_TOKEN is set (401 otherwise). Without a token, reads are
 * allowed only from this machine (403 otherwise): the peer must be loopback,
 * the Host a loopback name (a rebound DNS name pointing at 127.0.0.1 is not
 * localhost to the browser, so a web page could not read through it), and
 * the request must not have come through a proxy (whose peer is loopback for
 * everyone).
 */
export function readAuth(token: string | undefined, addressOf: AddressOf): MiddlewareHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (c, next) => {
    if (expected) {
      const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      // Digests have equal lengths, so the comparison time says nothing about the token.
      if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
      c.header('WWW-Authenticate', 'Bearer realm="candor"');
      return c.json(
        {
          error: `authorization: ${given === undefined ? 'missing' : 'wrong token'}, expected "Bearer <CANDOR_ADMIN_TOKEN>"`,
        },
        401,
      );
    }
    const proxied = c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined;
    if (!proxied && isLoopback(addressOf(c)) && isLoopbackHost(new URL(c.req.url).hostname)) return next();
    return c.json(
      {
        error:
          'reads are allowed only from localhost while CANDOR_ADMIN_TOKEN is not set: set it to read from elsewhere',
      },
      403,
    );
  };
}
