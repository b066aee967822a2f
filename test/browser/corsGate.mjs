// A CORS front for the loopback collector (collector.mjs), configured the way a
// site owner configures a real collector's edge: it answers CORS preflights
// itself and passes every other request through to the collector unchanged.
//
// Candor's own POST is a CORS "simple" request (text/plain, no custom header):
// it never preflights. A host page that wraps `window.fetch` and adds a header
// to every request (OpenTelemetry's `traceparent`, a CSRF token) turns it into
// a preflighted one, and then the endpoint's answer to OPTIONS decides whether
// the answer is delivered. `allowHeaders: 'requested'` allows the headers the
// browser asks for (what a collector should do); `'content-type'` allows only
// that, like collector.mjs itself.
import { createServer, request } from 'node:http';

/**
 * Starts the gate on 127.0.0.1 at a free port, in front of `target` (an origin).
 * @param {string} target e.g. the collector's `url`
 * @param {{ allowHeaders?: 'requested' | 'content-type' }} [options]
 */
export async function startCorsGate(target, options = {}) {
  const allowRequested = (options.allowHeaders ?? 'requested') === 'requested';
  /** @type {{ url: string, requestHeaders: string }[]} preflights received */
  const preflights = [];
  /** @type {{ url: string, headers: import('node:http').IncomingHttpHeaders }[]} other requests passed on */
  const passed = [];

  const server = createServer((req, res) => {
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') {
      const requested = req.headers['access-control-request-headers'] ?? '';
      preflights.push({ url: req.url ?? '', requestHeaders: requested });
      res.writeHead(204, {
        ...(origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': allowRequested ? requested : 'content-type',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    passed.push({ url: req.url ?? '', headers: req.headers });
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    preflights,
    passed,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}
