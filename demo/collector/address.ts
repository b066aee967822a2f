import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { clientAddress, type TrustProxy } from './proxies.js';

/** The client's address for a request, or undefined when unknown. */
export type AddressOf = (c: Context) => string | undefined;

/**
 * The client's address as far as it can be known: the peer, or behind
 * proxies you run (CANDOR_TRUST_PROXY) what they wrote into X-Forwarded-For
 * (see `clientAddress`). Used only for the per-address limits, never logged
 * or stored.
 */
export const addressOf =
  (trust: TrustProxy): AddressOf =>
  (c) => {
    let peer: string | undefined;
    try {
      peer = getConnInfo(c).remote.address;
    } catch {
      return undefined; // not served by @hono/node-server (e.g. app.request in tests)
    }
    return peer === undefined ? undefined : clientAddress(trust, peer, c.req.header('x-forwarded-for'));
  };
