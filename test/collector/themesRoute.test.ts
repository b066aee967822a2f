// The themes route over real HTTP on SQLite and PostgreSQL: the fixture's planted themes come first,
// the admin sees examples and a viewer none, a withdrawn answer leaves every theme, and a bad
// category is a 400 naming it.
import { describe, expect, test } from 'vitest';
import type { NpsResponse } from '../../src/response.js';
import { backends } from './backends.js';
import { eachLive } from './eachLive.js';
import { batch, response, withdrawable } from './fixtures.js';
import { errorOf, json } from './harness.js';
import { PLANTED, themeFixture } from './themeFixture.js';

const VIEWER = 'viewer-token-0123456789abcdef0123456789abcdef';
const session = eachLive();
const RANGE = 'from=2026-11-02&to=2026-11-22';

/** Posts answers in batches the wire format allows. */
async function postAll(answers: NpsResponse[]) {
  for (let i = 0; i < answers.length; i += 40) {
    const res = await session.c.post(batch(...answers.slice(i, i + 40)));
    expect(res.status).toBe(200);
  }
}

const fixtureAnswers = () =>
  themeFixture().map((c) => response({ id: c.id, score: c.score, comment: c.comment, locale: c.locale, at: c.at }));

describe.each(backends)('$name', (backend) => {
  describe.skipIf(backend.skip)('themes', () => {
    test("the fixture's planted detractor themes come first, each with its answers, share, NPS and examples", async () => {
      const c = await session.start(backend, { CANDOR_RATE_LIMIT: '0' });
      await postAll(fixtureAnswers());
      const body = await json(await c.read(`/v1/surveys/checkout/themes?category=detractor&${RANGE}`));
      expect(body).toMatchObject({
        survey: 'checkout',
        category: 'detractor',
        minGroup: 10,
        corpus: { comments: 480, limit: 5000 },
      });
      const top = body.themes.slice(0, 3);
      for (const planted of PLANTED.filter((p) => p.category === 'detractor'))
        expect(
          top.some(
            (t: { locale: string; terms: string[] }) =>
              t.locale === planted.locale && t.terms.some((x) => planted.matches.test(x)),
          ),
          planted.name,
        ).toBe(true);
      for (const theme of body.themes) {
        expect(theme.n).toBeGreaterThanOrEqual(10);
        expect(theme.examples.length).toBeGreaterThan(0);
        expect(theme.examples.length).toBeLessThanOrEqual(3);
        expect(Object.keys(theme.examples[0]).sort()).toEqual(['at', 'comment', 'id', 'score']);
      }
    });

    test('a viewer gets the themes over whole weeks without examples; an unknown category is a 400', async () => {
      const c = await session.start(backend, { CANDOR_RATE_LIMIT: '0', CANDOR_VIEWER_TOKEN: VIEWER });
      await postAll(fixtureAnswers());
      const res = await fetch(`${c.url}/v1/surveys/checkout/themes?category=promoter&from=2026-11-04&to=2026-11-20`, {
        headers: { authorization: `Bearer ${VIEWER}` },
      });
      const body = await json(res);
      expect(body).toMatchObject({ from: '2026-11-02', to: '2026-11-22' });
      expect(body.themes.length).toBeGreaterThan(0);
      expect(body.themes.every((t: { examples: unknown[] }) => t.examples.length === 0)).toBe(true);
      for (const query of ['category=fans', '']) {
        const bad = await c.read(`/v1/surveys/checkout/themes?${query}`);
        expect(bad.status, query).toBe(400);
        expect(await errorOf(bad)).toBe(
          `category: expected detractor, passive or promoter, got ${query ? '"fans"' : 'undefined'}`,
        );
      }
      const range = await c.read('/v1/surveys/checkout/themes?category=passive&from=2026-11-22&to=2026-11-01');
      expect(await errorOf(range)).toBe('from: must not be after to (2026-11-22 > 2026-11-01)');
    });

    test('a withdrawn answer leaves its theme: its count and its examples', async () => {
      const c = await session.start(backend, { CANDOR_MIN_GROUP: '3' });
      const answers = (n: number, score: number, comment: string) =>
        Array.from({ length: n }, () => response({ score, comment, at: '2026-11-20T10:00:00Z' }));
      const [gone, key] = withdrawable({ score: 1, comment: 'Refund took a month', at: '2026-11-21T10:00:00Z' });
      await postAll([
        ...answers(4, 2, 'Refund took a month'),
        gone,
        ...answers(8, 10, 'Great app for my team'),
        ...answers(4, 8, 'Fine for my team'),
      ]);
      const before = await json(
        await c.read('/v1/surveys/checkout/themes?category=detractor&from=2026-11-16&to=2026-11-22'),
      );
      const refund = before.themes.find((t: { terms: string[] }) => t.terms.includes('refund'));
      expect(refund).toMatchObject({ n: 5 });
      expect(refund.examples[0].id).toBe(gone.id);
      expect((await c.withdraw(gone.id, key)).status).toBe(204);
      const after = await json(
        await c.read('/v1/surveys/checkout/themes?category=detractor&from=2026-11-16&to=2026-11-22'),
      );
      const still = after.themes.find((t: { terms: string[] }) => t.terms.includes('refund'));
      expect(still).toMatchObject({ n: 4 });
      expect(still.examples.map((e: { id: string }) => e.id)).not.toContain(gone.id);
    });
  });
});
