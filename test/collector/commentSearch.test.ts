// Comment search over real HTTP on SQLite and PostgreSQL: the comment list filtered by range,
// category, text, theme and segment value, the CSV export following the same filters, and a 400
// naming each bad filter.
import { describe, expect, test } from 'vitest';
import type { NpsResponse } from '../../src/response.js';
import { backends } from './backends.js';
import { eachLive } from './eachLive.js';
import { batch, response } from './fixtures.js';
import { errorOf, json } from './harness.js';
import { themeFixture } from './themeFixture.js';

const session = eachLive();
const RANGE = 'from=2026-11-02&to=2026-11-22';

async function postAll(answers: NpsResponse[]) {
  for (let i = 0; i < answers.length; i += 40)
    expect((await session.c.post(batch(...answers.slice(i, i + 40)))).status).toBe(200);
}

/** A few answers to search: German and English, two plans, one without a comment. */
const few = () => [
  response({
    score: 2,
    comment: 'Über die Lieferung bin ich enttäuscht',
    locale: 'de',
    at: '2026-11-20T10:00:00Z',
    segment: { plan: 'pro' },
  }),
  response({
    score: 3,
    comment: 'über-teuer, and the delivery was late',
    at: '2026-11-19T10:00:00Z',
    segment: { plan: 'free' },
  }),
  response({ score: 10, comment: 'Delivery was quick', at: '2026-11-18T10:00:00Z', segment: { plan: 'pro' } }),
  response({ score: 1, at: '2026-11-17T10:00:00Z', segment: { plan: 'pro' } }),
  response({ score: 9, comment: 'Lovely delivery', at: '2026-10-01T10:00:00Z', segment: { plan: 'pro' } }),
];

const texts = (body: { comments: { comment: string }[] }) => body.comments.map((c) => c.comment);

/** The CSV's data lines' ids. */
const csvIds = async (res: Response) =>
  (await res.text())
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',')[0]!.replace(/"/g, ''));

describe.each(backends)('$name', (backend) => {
  describe.skipIf(backend.skip)('comment search', () => {
    test('by text in any case and width, by category, by segment value and by range; without filters, every date', async () => {
      const c = await session.start(backend);
      const answers = few();
      await postAll(answers);
      const list = async (query: string) => json(await c.read(`/v1/surveys/checkout/comments?${query}`));
      expect(texts(await list('q=%C3%9CBER'))).toEqual([
        'Über die Lieferung bin ich enttäuscht',
        'über-teuer, and the delivery was late',
      ]);
      expect(texts(await list('q=delivery&category=detractor'))).toEqual(['über-teuer, and the delivery was late']);
      expect(texts(await list('segment.plan=pro&q=deliver'))).toEqual(['Delivery was quick', 'Lovely delivery']);
      expect(texts(await list(`segment.plan=pro&${RANGE}`))).toEqual([
        'Über die Lieferung bin ich enttäuscht',
        'Delivery was quick',
      ]);
      const everything = await list('limit=100');
      expect(everything).toMatchObject({ scanned: 4, complete: true });
      expect(texts(everything)).toHaveLength(4);
      expect(await list('q=nothing%20like%20this')).toEqual({ comments: [], scanned: 4, complete: true });
      expect(texts(await list('q=ENTT%C3%84USCHT'))).toEqual(['Über die Lieferung bin ich enttäuscht']);
    });

    test("by theme: the comments using one of a theme's terms, as many as the theme counts", async () => {
      const c = await session.start(backend, { CANDOR_RATE_LIMIT: '0' });
      await postAll(
        themeFixture().map((f) =>
          response({ id: f.id, score: f.score, comment: f.comment, locale: f.locale, at: f.at }),
        ),
      );
      const { themes } = await json(await c.read(`/v1/surveys/checkout/themes?category=detractor&${RANGE}`));
      const theme = themes[0];
      expect(theme.keys.length).toBe(theme.terms.length);
      const query = theme.keys.map((k: string) => `theme=${encodeURIComponent(k)}`).join('&');
      const found = await json(await c.read(`/v1/surveys/checkout/comments?limit=100&${RANGE}&${query}`));
      expect(found.comments).toHaveLength(Math.min(theme.n, 100));
      // Each found comment holds one of the theme's terms as written (case aside, stems aside: its first word).
      const words = theme.terms.map((t: string) => t.split(' ')[0]!.slice(0, 4).toLowerCase());
      for (const comment of texts(found))
        expect(
          words.some((w: string) => comment.toLowerCase().includes(w)),
          comment,
        ).toBe(true);
      // The CSV holds the same answers.
      const res = await c.read(`/v1/surveys/checkout/responses.csv?${RANGE}&${query}`);
      expect((await csvIds(res)).sort()).toEqual(
        (await json(await c.read(`/v1/surveys/checkout/comments?limit=100&${RANGE}&${query}`))).comments
          .map((x: { id: string }) => x.id)
          .sort(),
      );
    });

    test('the CSV follows the filters: category and segment keep answers without a comment; a text search keeps only comments', async () => {
      const c = await session.start(backend);
      const answers = few();
      await postAll(answers);
      const csv = async (query: string) => csvIds(await c.read(`/v1/surveys/checkout/responses.csv?${RANGE}&${query}`));
      const idsOf = (...i: number[]) => i.map((n) => answers[n]!.id).sort();
      expect((await csv('category=detractor&segment.plan=pro')).sort()).toEqual(idsOf(0, 3));
      expect((await csv('q=deliver')).sort()).toEqual(idsOf(1, 2));
      expect((await csv('')).sort()).toEqual(idsOf(0, 1, 2, 3));
    });

    test('a 400 names each bad filter', async () => {
      const c = await session.start(backend);
      await postAll(few());
      for (const path of ['comments', 'responses.csv']) {
        const error = async (query: string) => errorOf(await c.read(`/v1/surveys/checkout/${path}?${query}`));
        expect(await error('category=happy')).toBe('category: expected detractor, passive or promoter, got "happy"');
        expect(await error(`q=${'x'.repeat(201)}`)).toBe('q: expected at most 200 characters, got 201');
        expect(await error('segment.region=eu')).toBe("segment.region: unknown segment key (this survey's keys: plan)");
        expect(await error('segment.plan=pro&segment.x=1')).toBe(
          'segment: one segment filter at a time, got segment.plan, segment.x',
        );
        expect(await error('segment.plan=')).toBe('segment.plan: expected a value of 1 to 200 characters');
        expect(await error('theme=nope')).toBe(
          'theme: expected a theme\'s keys as /themes gives them ("en:deliveri"), got "nope"',
        );
        expect(await error('from=2026-11-22&to=2026-11-01')).toBe(
          'from: must not be after to (2026-11-22 > 2026-11-01)',
        );
      }
    });
  });
});
