// A loopback test collector for the delivery tests in real Chromium. It serves
// the repository's files too, so pages and endpoint share one origin
// (http://127.0.0.1 is an allowed endpoint). `POST /v1/responses` takes the
// wire format (DESIGN "Wire format"), validates it with the published schema
// (dist/schema.mjs), stores each response by id (a duplicate id is not stored
// twice but still answers 2xx) and counts every request and every id received.
// What it does with the next requests is set by the test: see `set()`.
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendFile } from '../../demo/sendFile.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PATH = '/v1/responses';
const MAX_BODY = 1024 * 1024;

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What the collector can be told to do with a request:
 * - `ok`: store, answer 200 (JSON).
 * - `fail`: 500, nothing stored.
 * - `503`: 503 with `Retry-After: <retryAfter>` (default 1), nothing stored.
 * - `down`: 503 without Retry-After (an outage), nothing stored.
 * - `forbidden`: 403 (a survey or origin the collector refuses), nothing stored.
 * - `429`: 429 with `Retry-After: <retryAfter>` when given, nothing stored.
 * - `hang` / `hold`: nothing stored, never answered until `release()`, `dropHeld()` or `close()`.
 * - `store-then-hold`: stored, then held like `hold`.
 * - `store-then-drop`: stored, then the socket is destroyed without an answer (scenario 1).
 * - `drop`: the socket is destroyed without an answer, nothing stored.
 * - `slow`: stored, answered 200 after `delayMs`.
 * - `chaos`: one of the above drawn from the seeded PRNG (500 / 503 + Retry-After 1–2 s /
 *   429 / socket destroyed, stored or not / ok after 0–3 s / ok).
 * @typedef {'ok'|'fail'|'forbidden'|'503'|'down'|'429'|'hang'|'hold'|'store-then-hold'|'store-then-drop'|'drop'|'slow'|'chaos'} Mode
 */

/**
 * Starts the collector on 127.0.0.1 at a free port. `headers(path)` may add
 * response headers to the files it serves (e.g. a Content-Security-Policy).
 * @param {{ seed?: number, mode?: Mode, maxChaosDelayMs?: number,
 *   headers?: (path: string) => Record<string, string> | undefined }} [options]
 */
export async function startCollector(options = {}) {
  const { batchSchema } = await import('../../dist/schema.mjs').catch(() => {
    throw new Error('dist/schema.mjs is missing: run "npm run build" first');
  });
  const random = prng(options.seed ?? 1);
  const maxChaosDelayMs = options.maxChaosDelayMs ?? 3000;
  /** @type {{ mode: Mode, retryAfter?: string, delayMs?: number }} */
  let current = { mode: options.mode ?? 'ok' };
  /** @type {{ mode: Mode, retryAfter?: string, delayMs?: number }[]} */
  const queue = [];
  /** @type {Map<string, unknown>} stored responses by id */
  const stored = new Map();
  /**
   * One entry per POST, in arrival order.
   * @type {{ n: number, at: number, ids: string[], bytes: number, keepalive: boolean,
   *   action: string, stored: number, status: number | null, closedEarly: boolean, error?: string,
   *   headers: { contentType?: string, cookie?: string, referer?: string, origin?: string } }[]}
   */
  const log = [];
  const stats = { requests: 0, idsReceived: 0, duplicates: 0, invalid: 0, bytes: 0 };
  /** @type {string[]} every request of any kind, as `METHOD /path`, in arrival order */
  const requests = [];
  /** @type {Set<{ res: import('node:http').ServerResponse, entry: typeof log[number] }>} */
  const held = new Set();
  const timers = new Set();
  const waiters = new Set();
  let closed = false;

  const notify = () => waiters.forEach((w) => w());

  const chaos = () => {
    const x = random();
    const ra = String(1 + Math.floor(random() * 2)); // 1–2 s
    if (x < 0.15) return { mode: 'fail' };
    if (x < 0.25) return { mode: '503', retryAfter: ra };
    if (x < 0.35) return { mode: '429', retryAfter: ra };
    if (x < 0.42) return { mode: 'drop' };
    if (x < 0.5) return { mode: 'store-then-drop' };
    if (x < 0.65) return { mode: 'slow', delayMs: Math.floor(random() * maxChaosDelayMs) };
    return { mode: 'ok' };
  };

  const cors = (req) => ({
    ...(req.headers.origin ? { 'access-control-allow-origin': req.headers.origin, vary: 'Origin' } : {}),
    'access-control-expose-headers': 'Retry-After',
  });

  const storeAll = (responses, entry) => {
    for (const r of responses) {
      stats.idsReceived++;
      if (stored.has(r.id)) stats.duplicates++;
      else {
        stored.set(r.id, r);
        entry.stored++;
      }
    }
    notify();
  };

  const answer = (req, res, entry, status, headers = {}, body = '') => {
    if (res.writableEnded || res.destroyed) return;
    entry.status = status;
    res.writeHead(status, { ...cors(req), ...headers });
    res.end(body);
    notify();
  };

  async function receive(req, res) {
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://x');
    /** @type {typeof log[number]} */
    const entry = {
      n: stats.requests,
      at: Date.now(),
      ids: [],
      bytes: 0,
      // Marked by the tests' fetch probe (test/browser/probe.ts): a keepalive request.
      keepalive: url.searchParams.get('ka') === '1',
      action: '',
      stored: 0,
      status: null,
      closedEarly: false,
      // What the privacy audit checks: no cookie, no referrer, the text/plain wire format.
      headers: {
        contentType: req.headers['content-type'],
        cookie: req.headers.cookie,
        referer: req.headers.referer,
        origin: req.headers.origin,
      },
    };
    log.push(entry);
    res.on('close', () => {
      if (!res.writableEnded) entry.closedEarly = true;
      notify();
    });
    const chunks = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += chunk.length;
        if (size > MAX_BODY) throw new Error('too large');
        chunks.push(chunk);
      }
    } catch (error) {
      entry.error = String(error?.message ?? error);
      return answer(req, res, entry, 413, { 'content-type': 'application/json' }, '{"error":"too large"}');
    }
    const text = Buffer.concat(chunks).toString('utf8');
    entry.bytes = Buffer.byteLength(text);
    stats.bytes += entry.bytes;
    let batch;
    try {
      batch = JSON.parse(text);
    } catch {
      stats.invalid++;
      entry.error = 'not JSON';
      return answer(req, res, entry, 400, { 'content-type': 'application/json' }, '{"error":"not JSON"}');
    }
    entry.ids = Array.isArray(batch?.responses) ? batch.responses.map((r) => r?.id) : [];
    const checked = batchSchema.safeParse(batch);
    if (!checked.success) {
      stats.invalid++;
      const issue = checked.error.issues[0];
      const index = issue?.path?.[1];
      const id = typeof index === 'number' ? batch.responses[index]?.id : undefined;
      entry.error = `${issue?.path?.join('.')}: ${issue?.message}`;
      return answer(
        req,
        res,
        entry,
        400,
        { 'content-type': 'application/json' },
        JSON.stringify({ error: entry.error, ...(typeof id === 'string' ? { id } : {}) }),
      );
    }
    const step = queue.shift() ?? (current.mode === 'chaos' ? chaos() : current);
    entry.action = step.mode === 'slow' ? `slow ${step.delayMs ?? 0} ms` : step.mode;
    const ok = () =>
      answer(req, res, entry, 200, { 'content-type': 'application/json' }, JSON.stringify({ stored: entry.stored }));
    switch (step.mode) {
      case 'ok':
        storeAll(batch.responses, entry);
        return ok();
      case 'slow': {
        storeAll(batch.responses, entry);
        const t = setTimeout(() => {
          timers.delete(t);
          ok();
        }, step.delayMs ?? 0);
        timers.add(t);
        return;
      }
      case 'fail':
        return answer(req, res, entry, 500, {}, 'failing on purpose');
      case 'forbidden':
        return answer(req, res, entry, 403, {}, 'not this survey');
      case '503':
        return answer(req, res, entry, 503, { 'retry-after': step.retryAfter ?? '1' }, 'unavailable');
      case 'down':
        return answer(req, res, entry, 503, {}, 'down');
      case '429':
        return answer(req, res, entry, 429, step.retryAfter ? { 'retry-after': step.retryAfter } : {}, 'slow down');
      case 'store-then-hold':
        storeAll(batch.responses, entry);
      // falls through
      case 'hang':
      case 'hold':
        held.add({ req, res, entry });
        notify();
        return;
      case 'store-then-drop':
        storeAll(batch.responses, entry);
      // falls through
      case 'drop':
        res.destroy();
        req.socket.destroy();
        notify();
        return;
      default:
        return answer(req, res, entry, 500, {}, `unknown mode ${step.mode}`);
    }
  }

  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    requests.push(`${req.method} ${path}`);
    if (path === PATH) {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...cors(req),
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type',
        });
        return res.end();
      }
      if (req.method !== 'POST') return res.writeHead(405, cors(req)).end();
      return void receive(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    }
    if (path.includes('..') || req.method !== 'GET') return res.writeHead(400).end();
    return void sendFile(res, join(ROOT, path), options.headers?.(path));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    endpoint: url + PATH,
    stored,
    stats,
    log,
    /** Every request the server received (files, preflights and POSTs), as `METHOD /path`. */
    requests,
    /** POSTs the server received, excluding nothing (keepalive ones included). */
    get posts() {
      return log;
    },
    /** Requests held open right now. */
    get heldCount() {
      return held.size;
    },
    /**
     * What to do with requests from now on.
     * @param {Mode} mode
     * @param {{ retryAfter?: string, delayMs?: number }} [opts]
     */
    set(mode, opts = {}) {
      current = { mode, ...opts };
    },
    /**
     * What to do with the next requests, one each, before falling back to the mode set.
     * @param {...(Mode | { mode: Mode, retryAfter?: string, delayMs?: number })} steps
     */
    next(...steps) {
      queue.push(...steps.map((s) => (typeof s === 'string' ? { mode: s } : s)));
    },
    /** Answers every held request with `status` (200 stores nothing more: held ones were stored or not already). */
    release(status = 200) {
      for (const h of held) {
        answer(h.req, h.res, h.entry, status, { 'content-type': 'application/json' }, '{}');
      }
      held.clear();
    },
    /** Destroys the sockets of every held request without answering. */
    dropHeld() {
      for (const h of held) h.res.destroy();
      held.clear();
      notify();
    },
    /**
     * Resolves once `predicate()` is true (checked on every change and every 100 ms),
     * rejects after `timeout` ms with `what` in the message.
     */
    waitFor(predicate, timeout = 10_000, what = 'condition') {
      return new Promise((resolve, reject) => {
        const check = () => {
          try {
            if (predicate()) {
              done();
              resolve(undefined);
            }
          } catch (error) {
            done();
            reject(error);
          }
        };
        const poll = setInterval(check, 100);
        const limit = setTimeout(() => {
          done();
          reject(new Error(`collector: timed out after ${timeout} ms waiting for ${what}`));
        }, timeout);
        const done = () => {
          clearInterval(poll);
          clearTimeout(limit);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    /** Stops answering, drops every open connection and closes the port. */
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      timers.forEach((t) => clearTimeout(t));
      for (const h of held) h.res.destroy();
      held.clear();
      return new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
    },
  };
}
