// The per-address rate limit: 429 with Retry-After, nothing stored, and addresses forgotten.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { clientKey, createRateLimiter, DEFAULT_RATE_LIMIT, rateLimited } from '../../demo/collector/rateLimit.js';
import { batch, response, storedIds } from './fixtures.js';
import { errorOf, harness } from './harness.js';

let h: ReturnType<typeof harness>;
afterEach(() => h?.close());

describe('over the limit', () => {
  test('answers 429 with Retry-After in seconds, stores nothing, and accepts again after the window', async () => {
    let now = Date.parse('2026-11-22T10:00:00Z');
    h = harness({ rateLimit: 2, now: () => now });
    const first = [response(), response()];
    for (const r of first) expect((await h.post(batch(r))).status).toBe(200);

    now += 15_000;
    const refused = response();
    const res = await h.post(batch(refused));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('45');
    expect(await errorOf(res)).toMatch(/^rate limit: over 2 requests a minute/);
    expect(h.inserts).toEqual([1, 1]);
    expect(await storedIds(h.storage)).not.toContain(refused.id);

    now += 45_000;
    expect((await h.post(batch(refused))).status).toBe(200);
  });

  test('counts refused requests too (a flood of bad bodies is limited)', async () => {
    h = harness({ rateLimit: 2 });
    await h.post('not json');
    await h.post('not json');
    expect((await h.post(batch(response()))).status).toBe(429);
  });

  test('counts each client address on its own', async () => {
    let address = '203.0.113.1';
    h = harness({ rateLimit: 1, addressOf: () => address });
    expect((await h.post(batch(response()))).status).toBe(200);
    expect((await h.post(batch(response()))).status).toBe(429);
    address = '203.0.113.2';
    expect((await h.post(batch(response()))).status).toBe(200);
  });

  test('limit 0 turns the limit off', async () => {
    h = harness({ rateLimit: 0 });
    for (let i = 0; i < DEFAULT_RATE_LIMIT + 5; i++) expect((await h.post(batch(response()))).status).toBe(200);
  });
});

describe('client keys', () => {
  const salt = Buffer.alloc(32, 7);

  test('hold no address: an HMAC with a per-process salt', () => {
    const key = clientKey('203.0.113.9', salt);
    expect(key).not.toContain('203');
    expect(key).not.toBe(clientKey('203.0.113.9', Buffer.alloc(32, 8)));
  });

  test('group an IPv6 /64 (one client rotating addresses) and read IPv4-mapped as IPv4', () => {
    expect(clientKey('2001:db8:1:2::1', salt)).toBe(clientKey('2001:0db8:0001:0002:ffff:1:2:3', salt));
    expect(clientKey('2001:db8:1:2::1', salt)).not.toBe(clientKey('2001:db8:1:3::1', salt));
    expect(clientKey('::ffff:198.51.100.4', salt)).toBe(clientKey('198.51.100.4', salt));
    expect(clientKey('198.51.100.4', salt)).not.toBe(clientKey('198.51.100.5', salt));
  });
});

describe('memory', () => {
  test('expired clients are forgotten by the sweep, not inside a request', () => {
    let now = 0;
    const limiter = createRateLimiter(5, () => now);
    for (let i = 0; i < 100; i++) limiter.hit(`198.51.100.${i}`);
    expect(limiter.size).toBe(100);
    now += 60_000;
    limiter.hit('203.0.113.1');
    // A request only counts: walking every remembered client is the timer's job.
    expect(limiter.size).toBe(101);
    limiter.sweep();
    expect(limiter.size).toBe(1);
  });

  test('a flood of distinct addresses is bounded: at most maxClients are remembered', () => {
    const limiter = createRateLimiter(5, () => 0, 1000);
    for (let i = 0; i < 5000; i++) limiter.hit(`2001:db8:${i.toString(16)}::1`);
    expect(limiter.size).toBe(1000);
  });

  test('when full, the least recently seen client is forgotten first', () => {
    const limiter = createRateLimiter(1, () => 0, 3);
    expect(limiter.hit('198.51.100.1').ok).toBe(true); // A
    limiter.hit('198.51.100.2'); // B
    limiter.hit('198.51.100.3'); // C
    expect(limiter.hit('198.51.100.1').ok).toBe(false); // A again: now the most recent
    limiter.hit('198.51.100.4'); // D: B, the least recent, makes room
    expect(limiter.size).toBe(3);
    expect(limiter.hit('198.51.100.1').ok).toBe(false); // A is still counted
    expect(limiter.hit('198.51.100.2').ok).toBe(true); // B was forgotten: counted afresh
  });

  test('the sweep runs on a timer every window, which stops when the collector closes', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const closing = new AbortController();
      rateLimited({ perClient: 5 }, () => '203.0.113.1', Date.now, closing.signal);
      expect(vi.getTimerCount()).toBe(1);
      closing.abort();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
