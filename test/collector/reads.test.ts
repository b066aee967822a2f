// The read API: who may read, and what the summary, CSV and comments endpoints answer.
import { afterEach, describe, expect, test } from 'vitest';
import { batch, response } from './fixtures.js';
import { errorOf, harness, json } from './harness.js';

let h: ReturnType<typeof harness>;
afterEach(() => h?.close());

const TOKEN = 'a-long-admin-token-0123456789abcdef';
const SUMMARY = '/v1/surveys/checkout/summary?from=2026-11-22&to=2026-11-22';

describe('with CANDOR_ADMIN_TOKEN set', () => {
  test('a read without Authorization → 401 naming what is expected, with WWW-Authenticate', async () => {
    h = harness({ adminToken: TOKEN, addressOf: () => '127.0.0.1' });
    const res = await h.get(SUMMARY);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await errorOf(res)).toBe(
      'authorization: missing, expected "Bearer <admin or viewer token>" (CANDOR_ADMIN_TOKEN or CANDOR_VIEWER_TOKEN, or the links the collector printed at start)',
    );
  });

  test.each([[`Bearer ${TOKEN}x`], [`Bearer ${TOKEN.slice(0, -1)}`], [`Basic ${TOKEN}`], [TOKEN]])(
    'a wrong credential (%s) → 401, even from localhost',
    async (authorization) => {
      h = harness({ adminToken: TOKEN, addressOf: () => '127.0.0.1' });
      expect((await h.get(SUMMARY, { authorization })).status).toBe(401);
    },
  );

  test('the right token reads from anywhere', async () => {
    h = harness({ adminToken: TOKEN, addressOf: () => '203.0.113.7' });
    expect((await h.get(SUMMARY, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });
});

describe('summary', () => {
  test('answers the survey summary of the range as JSON, not cacheable', async () => {
    h = harness({ addressOf: () => '127.0.0.1' });
    await h.post(batch(response({ score: 10 }), response({ score: 2 }), response({ score: 9 })));
    const res = await h.read(SUMMARY);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await json(res)).toMatchObject({
      survey: 'checkout',
      from: '2026-11-22',
      to: '2026-11-22',
      responses: 3,
      nps: 33.3,
    });
  });

  test('defaults to the last 30 days up to today (UTC)', async () => {
    h = harness({ addressOf: () => '127.0.0.1', now: () => Date.parse('2026-11-22T23:30:00Z') });
    const body = await json(await h.read('/v1/surveys/checkout/summary'));
    expect(body).toMatchObject({ from: '2026-10-24', to: '2026-11-22' });
    expect(body.daily).toHaveLength(30);
  });

  test.each([
    ['from=2026-11-31', /^from: expected a date/],
    ['to=yesterday', /^to: expected a date/],
    ['from=2026-11-23&to=2026-11-22', /^from: must not be after to/],
    ['from=2000-01-01&to=2026-11-22', /^from: the range must be at most 3660 days/],
  ])('a bad range (%s) → 400 naming the parameter', async (query, error) => {
    h = harness({ addressOf: () => '127.0.0.1' });
    const res = await h.read(`/v1/surveys/checkout/summary?${query}`);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(error);
  });

  test('a survey id outside [a-z0-9_-] → 400', async () => {
    h = harness({ addressOf: () => '127.0.0.1' });
    expect((await h.read('/v1/surveys/Check%20out/summary')).status).toBe(400);
  });
});

describe('responses.csv', () => {
  test('exports the range as CSV: BOM, header, CRLF, every text cell quoted, formulas neutralised (also after NBSP, in full width)', async () => {
    h = harness({ addressOf: () => '127.0.0.1' });
    const a = response({ at: '2026-11-22T08:00:00Z', score: 3, comment: '=HYPERLINK("http://x","click"), then\nmore' });
    const b = response({ at: '2026-11-22T09:00:00Z', score: 10, comment: '+1 great', segment: { plan: 'pro' } });
    const c = response({ at: '2026-11-22T10:00:00Z', score: 7, consentVersion: '@v2', comment: 'ok;=2+5;' });
    const d = response({ at: '2026-11-22T11:00:00Z', score: 8, comment: '\u00a0\uff1d1+1' });
    const outside = response({ at: '2026-11-23T00:00:00Z' });
    await h.post(batch(a, b, c, d, outside));
    const res = await h.read('/v1/surveys/checkout/responses.csv?from=2026-11-22&to=2026-11-22');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="checkout_2026-11-22_2026-11-22.csv"');
    // Decoded by hand: Response.text() would strip the BOM this test wants to see.
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())).toBe(
      '\uFEFF"id","survey","at","score","category","comment","locale","page","device","consentVersion","segment","sdk"\r\n' +
        `"${a.id}","checkout","2026-11-22T08:00:00Z",3,"detractor","'=HYPERLINK(""http://x"",""click""), then\nmore","en","/pricing","desktop","1",,"0.1.0"\r\n` +
        `"${b.id}","checkout","2026-11-22T09:00:00Z",10,"promoter","'+1 great","en","/pricing","desktop","1","{""plan"":""pro""}","0.1.0"\r\n` +
        `"${c.id}","checkout","2026-11-22T10:00:00Z",7,"passive","ok;=2+5;","en","/pricing","desktop","'@v2",,"0.1.0"\r\n` +
        `"${d.id}","checkout","2026-11-22T11:00:00Z",8,"passive","'\u00a0\uff1d1+1","en","/pricing","desktop","1",,"0.1.0"\r\n`,
    );
  });

  test('needs the same authorization as the summary', async () => {
    h = harness({ addressOf: () => '127.0.0.1' });
    expect((await h.get('/v1/surveys/checkout/responses.csv')).status).toBe(401);
  });
});

describe('comments', () => {
  test('returns the latest comments, newest first, `limit` of them', async () => {
    h = harness({ addressOf: () => '127.0.0.1' });
    await h.post(
      batch(
        response({ at: '2026-11-20T08:00:00Z', comment: 'one' }),
        response({ at: '2026-11-21T08:00:00Z', comment: 'two' }),
        response({ at: '2026-11-22T08:00:00Z', comment: 'three' }),
      ),
    );
    const { comments } = await json(await h.read('/v1/surveys/checkout/comments?limit=2'));
    expect(comments.map((c: { comment: string }) => c.comment)).toEqual(['three', 'two']);
  });

  test.each([['0'], ['101'], ['abc'], ['2.5']])('limit=%s → 400', async (limit) => {
    h = harness({ addressOf: () => '127.0.0.1' });
    const res = await h.read(`/v1/surveys/checkout/comments?limit=${limit}`);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^limit: expected a whole number from 1 to 100/);
  });

  test('need authorization', async () => {
    h = harness({ adminToken: TOKEN });
    expect((await h.get('/v1/surveys/checkout/comments')).status).toBe(401);
  });
});
