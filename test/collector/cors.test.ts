// Origins: which web pages may post (CANDOR_ORIGINS), preflights, and the exposed Retry-After.
import { afterEach, describe, expect, test } from 'vitest';
import type { OriginPolicy } from '../../demo/collector/origins.js';
import { batch, response } from './fixtures.js';
import { errorOf, harness, TEXT } from './harness.js';

let h: ReturnType<typeof harness>;
afterEach(() => h?.close());

const preflight = (origin: string, headers = 'content-type') =>
  h.app.request('http://localhost/v1/responses', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
const postFrom = (origin: string) => h.post(batch(response()), { ...TEXT, origin });

describe('an allowed origin', () => {
  const shop = ['https://shop.example.com'];

  test('gets its preflight answered: 204, the origin, POST, content-type, a max age', async () => {
    h = harness({ origins: shop });
    const res = await preflight('https://shop.example.com');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(res.headers.get('access-control-max-age')).toBe('86400');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  test('posts and can read the answer: allow-origin and Retry-After exposed', async () => {
    h = harness({ origins: shop });
    const res = await postFrom('https://shop.example.com');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  test('can read a 429 and its Retry-After too', async () => {
    h = harness({ origins: shop, rateLimit: 1 });
    await postFrom('https://shop.example.com');
    const res = await postFrom('https://shop.example.com');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });
});

describe('another origin', () => {
  test('is refused with a 403 its page can read (CORS on the refusal only), before anything is stored', async () => {
    h = harness({ origins: ['https://shop.example.com'] });
    const res = await postFrom('https://evil.example.net');
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatch(/^origin: "https:\/\/evil.example.net" is not allowed/);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://evil.example.net');
    expect(res.headers.get('access-control-expose-headers')).toBeNull();
    expect(await h.nothingStored()).toBe(true);
  });

  test('gets its preflight refused', async () => {
    h = harness({ origins: ['https://shop.example.com'] });
    const res = await preflight('https://shop.example.com.evil.net');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('cannot read the summary either: no CORS grant on reads, and a token is needed', async () => {
    h = harness({ origins: ['https://shop.example.com'], addressOf: () => '127.0.0.1' });
    const res = await h.get('/v1/surveys/checkout/summary', { origin: 'https://evil.example.net' });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('policies', () => {
  const allowed = async (policy: OriginPolicy | undefined, origin: string) => {
    h = harness(policy === undefined ? {} : { origins: policy });
    const status = (await postFrom(origin)).status;
    h.close();
    return status === 200;
  };

  test('the default allows loopback origins on any port, and nothing else', async () => {
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:8080',
      'http://[::1]:3000',
      'http://demo.localhost',
    ])
      expect(await allowed(undefined, origin), origin).toBe(true);
    for (const origin of ['https://example.com', 'http://localhost.evil.com', 'http://127.0.0.1.nip.io', 'null'])
      expect(await allowed(undefined, origin), origin).toBe(false);
  });

  test('"*" allows any origin', async () => {
    expect(await allowed('*', 'https://anywhere.example')).toBe(true);
  });

  test('a list allows exactly its origins (scheme and port included)', async () => {
    const list = ['https://shop.example.com', 'http://localhost:8787'];
    expect(await allowed(list, 'https://shop.example.com')).toBe(true);
    expect(await allowed(list, 'http://shop.example.com')).toBe(false);
    expect(await allowed(list, 'http://localhost:8788')).toBe(false);
  });

  test('"null" in the list allows Origin: null (a sandboxed frame), which the CORS grant echoes', async () => {
    expect(await allowed(['https://shop.example.com'], 'null')).toBe(false);
    h = harness({ origins: ['https://shop.example.com', 'null'] });
    const res = await postFrom('null');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('null');
  });

  test('a request without Origin (not from a web page) passes', async () => {
    h = harness({ origins: ['https://shop.example.com'] });
    expect((await h.post(batch(response()))).status).toBe(200);
  });
});
