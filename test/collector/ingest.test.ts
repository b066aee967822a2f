// POST /v1/responses: what is stored, what is refused, and that a refusal stores nothing.
import { afterEach, describe, expect, test } from 'vitest';
import { createCollector } from '../../demo/collector/app.js';
import { MAX_BODY_BYTES } from '../../demo/collector/ingest.js';
import type { Storage } from '../../demo/collector/storage/types.js';
import { batch, response, storedIds } from './fixtures.js';
import { ADMIN_TOKEN, errorOf, harness, json, TEXT } from './harness.js';
import { logLines } from './logLines.js';

let h: ReturnType<typeof harness>;
afterEach(() => h?.close());

describe('accepting answers', () => {
  test.each([['text/plain;charset=UTF-8'], ['application/json'], ['Application/JSON; charset="utf-8"']])(
    'stores a batch sent as %s and says how many',
    async (type) => {
      h = harness();
      const [a, b] = [response({ comment: 'Great', segment: { plan: 'pro' } }), response({ score: 4 })];
      const res = await h.post(batch(a, b), { 'content-type': type });
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({ stored: 2, duplicates: 0 });
      const rows = [];
      for await (const r of h.storage.rows('checkout', '2026-11-22', '2026-11-22')) rows.push(r);
      expect(rows.sort((x, y) => x.id.localeCompare(y.id))).toEqual([a, b].sort((x, y) => x!.id.localeCompare(y!.id)));
    },
  );

  test('the same batch twice answers 200 both times and stores each row once', async () => {
    h = harness();
    const body = batch(response(), response());
    expect(await json(await h.post(body))).toEqual({ stored: 2, duplicates: 0 });
    const again = await h.post(body);
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({ stored: 0, duplicates: 2 });
    expect(await storedIds(h.storage)).toHaveLength(2);
  });

  test('a batch partly of duplicates stores the new ones', async () => {
    h = harness();
    const [old, fresh] = [response(), response()];
    await h.post(batch(old));
    expect(await json(await h.post(batch(old, fresh)))).toEqual({ stored: 1, duplicates: 1 });
    expect(await storedIds(h.storage)).toEqual([old!.id, fresh!.id].sort());
  });

  test('ignores a UTF-8 byte order mark before the JSON', async () => {
    h = harness();
    expect((await h.post(`\uFEFF${batch(response())}`)).status).toBe(200);
  });
});

describe('refusing bad input: right status, nothing stored', () => {
  const good = () => response();
  const huge = 'x'.repeat(1001);
  const cases: [string, () => string | Uint8Array, number, RegExp][] = [
    ['score as a string', () => batch(response({ score: '9' as never })), 400, /score: expected a whole number/],
    [
      'score 11',
      () => batch({ ...good(), score: 11, category: 'promoter' }),
      400,
      /score: expected a whole number from 0 to 10, got 11/,
    ],
    ['an unknown field', () => batch({ ...good(), email: 'a@b.c' }), 400, /email: unknown field/],
    [
      'a comment over 1,000 characters',
      () => batch(response({ comment: huge })),
      400,
      /comment: expected a string of 1–1000/,
    ],
    ['a category that does not match the score', () => batch({ ...good(), score: 3 }), 400, /category/],
    ['a missing field', () => batch({ ...good(), page: undefined }), 400, /page: missing/],
    ['an id that is not a UUID v4', () => batch(response({ id: 'abc' })), 400, /id: expected a lowercase UUID v4/],
    ['a batch of another version', () => JSON.stringify({ v: 2, responses: [good()] }), 400, /^v: expected 1/],
    ['an empty batch', () => JSON.stringify({ v: 1, responses: [] }), 400, /^responses: expected an array/],
    ['51 responses', () => batch(...Array.from({ length: 51 }, good)), 400, /^responses: expected an array of 1–50/],
    [
      'an unknown batch field',
      () => JSON.stringify({ v: 1, responses: [good()], user: 'x' }),
      400,
      /^user: unknown field/,
    ],
    ['a body that is not an object', () => '[1,2]', 400, /^batch: expected/],
    ['invalid JSON', () => '{"v":1,"responses":[', 400, /^body: not valid JSON/],
    ['an empty body', () => '', 400, /^body: not valid JSON/],
    ['invalid UTF-8', () => new Uint8Array([0x7b, 0xff, 0x7d]), 400, /^body: not valid UTF-8/],
  ];

  test.each(cases)('%s → %i', async (_, body, status, error) => {
    h = harness();
    const res = await h.post(body());
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toMatch(error);
    expect(await h.nothingStored()).toBe(true);
  });

  test.each([
    ['text/html'],
    ['multipart/form-data; boundary=x'],
    ['application/x-www-form-urlencoded'],
    ['text/plain; charset=latin1'],
  ])('content type %s → 415', async (type) => {
    h = harness();
    const res = await h.post(batch(good()), { 'content-type': type });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatch(/^content-type: expected/);
    expect(await h.nothingStored()).toBe(true);
  });

  test('no content type → 415', async () => {
    h = harness();
    const res = await h.post(new Blob([batch(good())]), {});
    expect(res.status).toBe(415);
    expect(await h.nothingStored()).toBe(true);
  });

  test(`a body over ${MAX_BODY_BYTES} bytes → 413, even when valid JSON`, async () => {
    h = harness();
    // Valid up to the size: a comment-sized padding in an unknown field would be a 400 if read.
    const body = JSON.stringify({ v: 1, responses: [good()], pad: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await h.post(body);
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatch(/^body: larger than 65536 bytes/);
    expect(await h.nothingStored()).toBe(true);
  });

  test('a body of exactly the limit is read', async () => {
    h = harness();
    const base = batch(good());
    const res = await h.post(base + ' '.repeat(MAX_BODY_BYTES - base.length));
    expect(res.status).toBe(200);
  });

  test('a survey outside CANDOR_SURVEYS → 403 for the whole batch', async () => {
    h = harness({ surveys: ['checkout'] });
    const stranger = response({ survey: 'pricing' });
    const res = await h.post(batch(good(), stranger));
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual({
      error: 'survey: "pricing" is not accepted here (CANDOR_SURVEYS)',
      id: stranger.id,
    });
    expect(await h.nothingStored()).toBe(true);
    expect((await h.post(batch(good()))).status).toBe(200);
  });

  test('GET on the endpoint → 405', async () => {
    h = harness();
    const res = await h.get('/v1/responses');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('a 400 names the field and the record', () => {
  test('by field, id and index, for the one bad record of a batch', async () => {
    h = harness();
    const bad = response({ score: 8, category: 'promoter' });
    const res = await h.post(batch(response(), bad, response()));
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({
      error: `responses[1] (id ${bad.id}): category: expected the category of the score: promoter (9–10), passive (7–8) or detractor (0–6), got "promoter"`,
      field: 'category',
      id: bad.id,
      index: 1,
    });
    expect(await h.nothingStored()).toBe(true);
  });

  test('by index alone when the record has no valid id', async () => {
    h = harness();
    const body = await json(await h.post(batch(response(), { ...response(), id: 42 })));
    expect(body).toEqual({ error: expect.stringMatching(/^responses\[1\]: id: expected/), field: 'id', index: 1 });
  });
});

test('a storage failure answers 503 with Retry-After and logs no address or user agent', async () => {
  const failing = { insert: async () => Promise.reject(new Error('disk I/O error')) } as unknown as Storage;
  const { log, lines } = logLines();
  const app = createCollector({ storage: failing, adminToken: ADMIN_TOKEN, addressOf: () => '198.51.100.23', log });
  const res = await app.request('http://localhost/v1/responses', {
    method: 'POST',
    body: batch(response()),
    headers: { ...TEXT, 'user-agent': 'SecretAgent/1.0', 'x-forwarded-for': '198.51.100.23' },
  });
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('30');
  expect(lines.join('\n')).toMatch(/disk I\/O error/);
  expect(lines.join('\n')).not.toMatch(/198\.51\.100\.23|SecretAgent/);
});
