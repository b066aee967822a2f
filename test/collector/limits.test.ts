// Limits and hygiene of the API's answers (what a hostile or careless client meets).
import { afterEach, expect, test } from 'vitest';
import { batch, response } from './fixtures.js';
import { harness, TEXT } from './harness.js';

let h: ReturnType<typeof harness>;
afterEach(() => h?.close());

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
