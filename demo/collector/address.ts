import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The client's address for a request, or undefined when unknown. */
export type AddressOf = (c: Context) => string | undefined;

/**
 * The peer's address, or, behind a proxy you run (CANDOR_TRUST_PROXY), the
 * address that proxy appended to X-Forwarded-For: the last entry, since
 * earlier ones are whatever the client chose to send. Used only for the rate
 * limit and the localhost check, never logged or stored.
 */
export const addressOf =
  (trustProxy: boolean): AddressOf =>
  (c) => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address;
    } catch {
      return undefined; // not served by @hono/node-server (e.g. app.request in tests)
    }
  };

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export const isLoopback = (address: string | undefined): boolean =>
  !!address && /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$|^::1$/i.test(address);

/** localhost, *.localhost, 127.0.0.0/8 and [::1] as a URL's hostname. */
export const isLoopbackHost = (hostname: string): boolean =>
  /^(localhost|[a-z0-9-]+\.localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i.test(hostname);
