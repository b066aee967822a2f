// Limits and hygiene of the API's answers (what a hostile or careless client meets).
import { afterEach, describe, expect, test } from 'vitest';
import { addDays, dayOf } from '../../demo/collector/dates.js';
import { backends, sqlite } from './backends.js';
import { batch, response, storedIds } from './fixtures.js';
import { errorOf, harness, TEXT } from './harness.js';
import { live, type Live } from './live.js';

let h: ReturnType<typeof harness> | undefined;
let c: Live | undefined;
afterEach(async () => {
  await h?.close();
  await c?.close();
  h = c = undefined;
});

test('every API answer — stored, refused, read, not found — says nosniff and no-store', async () => {
  h = harness({ origins: ['https://shop.example.com'], addressOf: () => '127.0.0.1' });
  const answers = [
    await h.post(batch(response())),
    await h.post(batch(response()), { ...TEXT, origin: 'https://evil.example' }),
    await h.post('{"v":1,"responses":[{}]}'),
    await h.read('/v1/surveys/checkout/summary'),
    await h.get('/v1/nothing-here'),
  ];
  expect(answers.map((res) => res.status)).toEqual([200, 403, 400, 200, 404]);
  for (const res of answers) {
    expect(res.headers.get('x-content-type-options'), String(res.status)).toBe('nosniff');
    expect(res.headers.get('cache-control'), String(res.status)).toBe('no-store');
  }
});

describe('the global quota (all clients together)', () => {
  test('answers 429 with Retry-After once every client together is over it, whatever their addresses', async () => {
    let now = Date.parse('2026-11-22T10:00:00Z');
    let n = 0;
    h = harness({ rateLimit: 0, globalRateLimit: 3, now: () => now, addressOf: () => `198.51.100.${++n}` });
    for (let i = 0; i < 3; i++) expect((await h.post(batch(response()))).status).toBe(200);
    now += 20_000;
    const res = await h.post(batch(response()));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('40');
    expect(await errorOf(res)).toBe(
      'rate limit: the collector takes at most 3 batches a minute from all clients together, retry in 40 s',
    );
    now += 40_000;
    expect((await h.post(batch(response()))).status).toBe(200);
  });

  test('junk does not spend it: POSTs refused for their content type, size or schema leave the quota to valid answers', async () => {
    let n = 0;
    h = harness({ rateLimit: 0, globalRateLimit: 2, addressOf: () => `198.51.100.${++n}` });
    for (let i = 0; i < 5; i++) {
      expect((await h.post(batch(response()), { 'content-type': 'application/x-junk' })).status).toBe(415);
      expect((await h.post('{"v":1,"responses":[{}]}')).status).toBe(400);
    }
    expect((await h.post(batch(response()))).status).toBe(200);
    expect((await h.post(batch(response()))).status).toBe(200);
    expect((await h.post(batch(response()))).status).toBe(429);
  });

  test('CANDOR_GLOBAL_RATE_LIMIT sets it on a running collector; 0 turns it off', async () => {
    c = await live(sqlite, { CANDOR_RATE_LIMIT: '0', CANDOR_GLOBAL_RATE_LIMIT: '2' });
    expect((await c.post(batch(response()))).status).toBe(200);
    expect((await c.post(batch(response()))).status).toBe(200);
    const res = await c.post(batch(response()));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await c.close();
    c = await live(sqlite, { CANDOR_RATE_LIMIT: '0', CANDOR_GLOBAL_RATE_LIMIT: '0' });
    for (let i = 0; i < 5; i++) expect((await c.post(batch(response()))).status).toBe(200);
  });
});

describe('the per-survey daily cap', () => {
  test('refuses a survey that has its answers for the UTC day with 429 until 00:00 UTC; other surveys go on', async () => {
    let now = Date.parse('2026-11-22T23:59:30Z');
    h = harness({ surveyDailyCap: 2, now: () => now });
    expect((await h.post(batch(response(), response()))).status).toBe(200);
    const res = await h.post(batch(response()));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await errorOf(res)).toBe(
      'survey: "checkout" has its 2 answers for today (CANDOR_SURVEY_DAILY_CAP), retry after 00:00 UTC',
    );
    expect((await h.post(batch(response({ survey: 'home' })))).status).toBe(200);
    now += 30_000;
    expect((await h.post(batch(response()))).status).toBe(200);
  });

  test('a batch with a capped survey is refused whole (nothing of it stored)', async () => {
    h = harness({ surveyDailyCap: 1 });
    await h.post(batch(response()));
    const other = response({ survey: 'home' });
    expect((await h.post(batch(other, response()))).status).toBe(429);
    expect(await storedIds(h.storage, 'home')).toEqual([]);
  });

  describe.each(backends)('on $name', (backend) => {
    test.skipIf(backend.skip)(
      'counts what the database holds for today, so collectors sharing it share the cap',
      async () => {
        c = await live(backend, { CANDOR_SURVEY_DAILY_CAP: '3' });
        const storage = c.running.storage;
        // Stored by another collector on the same database, one of them yesterday.
        await storage.insert([response(), response()], new Date());
        await storage.insert([response()], new Date(Date.now() - 86_400_000));
        expect(await storage.countReceived('checkout', dayOf(Date.now()))).toBe(2);
        expect((await c.post(batch(response()))).status).toBe(200);

        const before = Date.now();
        const res = await c.post(batch(response()));
        const after = Date.now();
        expect(res.status).toBe(429);
        const midnight = Date.parse(`${addDays(dayOf(before), 1)}T00:00:00Z`);
        const retryAfter = Number(res.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil((midnight - after) / 1000));
        expect(retryAfter).toBeLessThanOrEqual(Math.ceil((midnight - before) / 1000));
        expect((await c.post(batch(response({ survey: 'home' })))).status).toBe(200);
        expect(await storage.countReceived('checkout', dayOf(Date.now()))).toBe(3);
      },
    );
  });
});

describe('a refusal the widget can read', () => {
  const shop = ['https://shop.example.com'];

  test('a POST from an origin not allowed gets a 403 with CORS for that origin and a sentence naming it', async () => {
    h = harness({ origins: shop });
    const res = await h.post(batch(response()), { ...TEXT, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
    expect(await errorOf(res)).toBe('origin: "https://evil.example" is not allowed here (CANDOR_ORIGINS)');
    expect(await h.nothingStored()).toBe(true);
  });

  test('that origin gets no CORS anywhere else: its preflight and its reads stay refused', async () => {
    h = harness({ origins: shop, addressOf: () => '127.0.0.1' });
    const preflight = await h.app.request('http://localhost/v1/responses', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    // Reads carry no CORS for any origin (auth.test.ts), with or without the token.
    const read = await h.read('/v1/surveys/checkout/summary', { origin: 'https://evil.example' });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a survey not accepted gets a 403 its page can read, naming the survey', async () => {
    h = harness({ origins: shop, surveys: ['home'] });
    const res = await h.post(batch(response()), { ...TEXT, origin: 'https://shop.example.com' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(await errorOf(res)).toBe('survey: "checkout" is not accepted here (CANDOR_SURVEYS)');
  });
});
