// Which address a request is counted under: the peer, or behind your own proxy the address it appended.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createCollector } from '../../demo/collector/app.js';
import { openSqlite } from '../../demo/collector/storage/sqlite.js';
import { batch, response } from './fixtures.js';
import { TEXT } from './harness.js';

let storage: ReturnType<typeof openSqlite>;
beforeEach(() => void (storage = openSqlite(':memory:')));
afterEach(() => storage.close());

const postVia = (app: ReturnType<typeof createCollector>, forwardedFor: string) =>
  app.request('http://localhost/v1/responses', {
    method: 'POST',
    body: batch(response()),
    headers: { ...TEXT, 'x-forwarded-for': forwardedFor },
  });

test('with CANDOR_TRUST_PROXY, clients are told apart by the last X-Forwarded-For entry only', async () => {
  const app = createCollector({ storage, rateLimit: 1, trustProxy: true });
  expect((await postVia(app, '198.51.100.1, 203.0.113.1')).status).toBe(200);
  // The client can write the first entries itself; the last one is the proxy's.
  expect((await postVia(app, '198.51.100.2, 203.0.113.1')).status).toBe(429);
  expect((await postVia(app, '198.51.100.1, 203.0.113.2')).status).toBe(200);
});

test('without it, X-Forwarded-For is ignored (anyone could send one)', async () => {
  const app = createCollector({ storage, rateLimit: 1 });
  expect((await postVia(app, '203.0.113.1')).status).toBe(200);
  expect((await postVia(app, '203.0.113.2')).status).toBe(429);
});
