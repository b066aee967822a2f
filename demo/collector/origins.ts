import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * Which web origins may post answers and read: a list of exact origins (`'null'`
 * included, for sandboxed frames), `'*'` (any), or `'loopback'` (the default: any port of localhost, 127.0.0.0/8 and
 * [::1], so the demo works and nothing public does until configured).
 */
export type OriginPolicy = readonly string[] | '*' | 'loopback';

const LOOPBACK = /^https?:\/\/(localhost|[a-z0-9-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/;

/** "https://Example.com/" → "https://example.com"; undefined when it is not an origin. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (!/^https?:$/.test(url.protocol) || url.username || url.password) return undefined;
    if (url.pathname !== '/' || url.search || url.hash) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** Whether a request's `Origin` header value is allowed by `policy`. */
export function originAllowed(policy: OriginPolicy, origin: string): boolean {
  if (policy === '*') return true;
  if (policy === 'loopback') return LOOPBACK.test(origin.toLowerCase());
  return policy.includes(origin.toLowerCase());
}

/**
 * Refuses with 403 any request whose `Origin` is not allowed, before anything
 * else runs. CORS headers alone would not do: a `text/plain` POST (what the
 * widget sends) is a "simple" request that browsers deliver without asking,
 * so only the server can keep another site's answers out. Requests without
 * an `Origin` (servers, apps forwarding bridge batches, curl) are not from a
 * web page and pass.
 *
 * The refusal of a POST to `answers` (the route the widget posts to) carries
 * CORS for that origin, and only that refusal:
 * a browser hides a response without it, and the widget would take the 403
 * for a network error and retry for ever instead of telling the site owner
 * "origin not allowed". The page learns nothing it did not know (its own
 * origin is refused); no credentials are allowed, and its preflights and
 * reads stay refused without CORS.
 */
export const originGate =
  (policy: OriginPolicy, answers?: string): MiddlewareHandler =>
  async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined || originAllowed(policy, origin)) return next();
    // A POST of answers, or a DELETE of one (a withdrawal): the widget must see why it was refused.
    const ours =
      answers !== undefined &&
      ((c.req.method === 'POST' && c.req.path === answers) ||
        (c.req.method === 'DELETE' && c.req.path.startsWith(`${answers}/`)));
    const readable = ours && { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
    return c.json(
      { error: `origin: ${JSON.stringify(origin)} is not allowed here (CANDOR_ORIGINS)` },
      403,
      readable || {},
    );
  };

/**
 * CORS for allowed origins: preflights answered (204), and `Retry-After`
 * exposed, or the widget could not read it from a 429/503 and would fall back
 * to its own backoff.
 */
export const corsFor = (policy: OriginPolicy): MiddlewareHandler =>
  cors({
    origin: (origin) => (origin && originAllowed(policy, origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization'],
    exposeHeaders: ['Retry-After'],
    maxAge: 86_400,
  });
