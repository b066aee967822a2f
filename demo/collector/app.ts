// The reference collector's HTTP surface. Built on hono (with @hono/node-server
// to run it on Node): a small, actively maintained router on the web-standard
// Request/Response with no dependencies of its own, whose built-in middleware
// covers CORS, the body limit and streaming, so none of that is hand-rolled
// here. fastify would do too, but brings a much larger tree and its own
// schema system next to the zod schema we share with the widget.
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes, routePath } from 'hono/route';
import { addressOf as defaultAddressOf, type AddressOf } from './address.js';
import { admission } from './admission.js';
import { contactRoutes } from './contacts.js';
import { mountDashboard } from './dashboard.js';
import { checkContentType, ingest, MAX_BODY_BYTES } from './ingest.js';
import { createLog, type Logger } from './log.js';
import { createMetrics, type Metrics } from './metrics.js';
import { corsFor, originGate, type OriginPolicy } from './origins.js';
import { dailyCap } from './dailyCap.js';
import { parseTrustProxy, type TrustProxy } from './proxies.js';
import { DEFAULT_GLOBAL_RATE_LIMIT, DEFAULT_MAX_CLIENTS, DEFAULT_RATE_LIMIT, rateLimited } from './rateLimit.js';
import { adminOnly, readAuth } from './readAuth.js';
import { reads } from './reads.js';
import { DEFAULT_MIN_GROUP } from './insights/suppress.js';
import { MAX_WITHDRAW_BYTES, withdraw } from './withdraw.js';
import type { Storage } from './storage/types.js';

/** What `createCollector` needs; everything but `storage` has a default. */
export interface CollectorOptions {
  storage: Storage;
  /** CANDOR_ORIGINS: web origins that may post answers (default: loopback origins only); reads are same-origin only. */
  origins?: OriginPolicy;
  /** CANDOR_SURVEYS: surveys accepted (default: any). */
  surveys?: readonly string[] | undefined;
  /** CANDOR_RATE_LIMIT: POSTs per minute per client address; 0 turns the limit off. */
  rateLimit?: number;
  /** CANDOR_RATE_LIMIT_MAX_CLIENTS: client addresses the rate limit remembers at most. */
  rateLimitMaxClients?: number;
  /** CANDOR_GLOBAL_RATE_LIMIT: POSTs per minute from all clients together; 0 turns it off. */
  globalRateLimit?: number;
  /** CANDOR_SURVEY_DAILY_CAP: answers a survey may have received per UTC day; 0 (default) turns it off. */
  surveyDailyCap?: number;
  /** CANDOR_MIN_GROUP: the fewest answers a figure of its own may describe (default 10). */
  minGroup?: number;
  /** The bearer token every read needs (CANDOR_ADMIN_TOKEN, or the one `startCollector` made). */
  adminToken: string;
  /** The team's token for aggregate reads (CANDOR_VIEWER_TOKEN, or the one `startCollector` made); none: viewers off. */
  viewerToken?: string | undefined;
  /** CANDOR_TRUST_PROXY: whose X-Forwarded-For gives the client address (default: nobody's). */
  trustProxy?: TrustProxy;
  /** Serve the dashboard at /dashboard/ (default true). */
  dashboard?: boolean;
  /** Where the JSON log lines go (default: none). */
  log?: Logger;
  /** The Prometheus metrics served at /metrics (default: a registry of this collector's own). */
  metrics?: Metrics;
  /** The clock (ms), for tests. */
  now?: () => number;
  /** How a request's client address is found, for tests (default: the socket, or the proxy header). */
  addressOf?: AddressOf;
  /** Stops the collector's timers when aborted (`startCollector` aborts it on close). */
  signal?: AbortSignal;
}

/**
 * Every API answer, refusals included: never sniffed as another type, never
 * kept by a cache (summaries and comments are private; errors are of the moment).
 */
const apiHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Cache-Control', 'no-store');
};

const USUAL_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * One `request` log line and one latency observation per request: the
 * method, the route pattern that answered (`/v1/surveys/:survey/summary`, or
 * `unmatched`: never the path a client chose), the status and the time.
 * Nothing about who asked.
 */
const observe =
  (log: Logger, metrics: Metrics): MiddlewareHandler =>
  async (c, next) => {
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    const handled = matchedRoutes(c).some((r) => r.method !== 'ALL');
    const route = handled || c.res.status !== 404 ? routePath(c, -1) : 'unmatched';
    // Node accepts some 30 methods: those outside the usual few are one label, not one each.
    const method = USUAL_METHODS.has(c.req.method) ? c.req.method : 'other';
    const status = c.res.status;
    metrics.request(method, route, status, ms / 1000, method === 'POST' && route === '/v1/responses');
    log.info({ method, route, status, ms: Math.round(ms * 10) / 10 }, 'request');
  };

/**
 * Builds the collector as a hono app: serve `app.fetch` with
 * @hono/node-server (`startCollector` does), or call `app.request()` in tests.
 */
export function createCollector(options: CollectorOptions): Hono {
  const { storage, origins = 'loopback', rateLimit = DEFAULT_RATE_LIMIT, now = Date.now } = options;
  const limits = { perClient: rateLimit, maxClients: options.rateLimitMaxClients ?? DEFAULT_MAX_CLIENTS };
  const admit = admission(
    options.globalRateLimit ?? DEFAULT_GLOBAL_RATE_LIMIT,
    dailyCap(options.storage, options.surveyDailyCap ?? 0, now),
    now,
  );
  const addressOf = options.addressOf ?? defaultAddressOf(options.trustProxy ?? (parseTrustProxy('') as TrustProxy));
  const surveys = options.surveys && new Set(options.surveys);
  const log = options.log ?? createLog('silent');
  const metrics = options.metrics ?? createMetrics();
  const auth = readAuth({ admin: options.adminToken, viewer: options.viewerToken }, addressOf, now, options.signal);
  const app = new Hono();

  // First, so it sees every answer: one log line and the latency of each request.
  app.use('*', observe(log, metrics));
  app.use('/v1/*', apiHeaders);
  // Order matters: the origin check first (nothing from a refused origin runs),
  // then CORS, so every later answer — 429s included — carries the CORS
  // headers the widget needs to read its status and Retry-After. Only this
  // route has CORS: reads are for the dashboard, which is same-origin, so no
  // other web page can ever read an answer, whatever CANDOR_ORIGINS says.
  app.use('/v1/responses', originGate(origins, '/v1/responses'), corsFor(origins));
  app.use('/v1/responses/*', originGate(origins, '/v1/responses'), corsFor(origins));

  /** What every write runs first: the client's rate limit (every request counts: it bounds work, not stores), the content type, the body's size. */
  const gate = (maxBytes: number): [MiddlewareHandler, MiddlewareHandler, MiddlewareHandler] => [
    rateLimited(limits, addressOf, now, options.signal),
    checkContentType,
    bodyLimit({ maxSize: maxBytes, onError: (c) => c.json({ error: `body: larger than ${maxBytes} bytes` }, 413) }),
  ];
  app.post('/v1/responses', ...gate(MAX_BODY_BYTES), ingest(storage, surveys, now, admit, { log, metrics }));
  // Its own counter, as strict as posting's: a wrong secret costs a guesser a request of its limit.
  app.delete('/v1/responses/:id', ...gate(MAX_WITHDRAW_BYTES), withdraw(storage, now, { log, metrics }));
  app.all('/v1/responses', (c) =>
    c.json({ error: 'method: only POST is allowed here' }, 405, { Allow: 'POST, OPTIONS' }),
  );

  app.use('/v1/surveys/*', auth);
  app.route('/v1/surveys', reads(storage, now, log, options.minGroup ?? DEFAULT_MIN_GROUP));
  // Addresses left for a reply: the admin's alone, and like reads without CORS.
  app.use('/v1/contacts/*', auth, adminOnly);
  app.route('/v1/contacts', contactRoutes(storage, now, { log, metrics }));

  // Prometheus metrics: counts only, but the admin's business: the admin token only.
  app.get('/metrics', auth, adminOnly, async (c) =>
    c.body(await metrics.registry.metrics(), 200, {
      'Content-Type': metrics.registry.contentType,
      'Cache-Control': 'no-store',
    }),
  );

  // For a supervisor or a load balancer: the process runs; the database answers.
  app.get('/healthz', (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'no-store' }));
  app.get('/readyz', async (c) => {
    const headers = { 'Cache-Control': 'no-store' };
    try {
      await storage.ping();
      return c.json({ ready: true }, 200, headers);
    } catch {
      return c.json({ ready: false, error: 'the database does not answer' }, 503, headers);
    }
  });

  if (options.dashboard ?? true) mountDashboard(app);

  app.notFound((c) => c.json({ error: `not found: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.onError((error, c) => {
    // The message only: requests, addresses and user agents are never logged.
    log.error({ err: error.message }, 'internal error');
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
