// The breakdown and the overview over real HTTP on SQLite and PostgreSQL: groups with their NPS and
// interval, small groups hidden for every caller (secondary suppression included, tried with a
// differencing attack), the overview of every survey, viewers' whole weeks, and 400s that name the bad input.
import { describe, expect, test } from 'vitest';
import { backends } from './backends.js';
import { eachLive } from './eachLive.js';
import { batch, response, withdrawable } from './fixtures.js';
import { errorOf, json } from './harness.js';
import { npsInterval } from '../../demo/collector/insights/interval.js';
import type { NpsResponse } from '../../src/response.js';

const VIEWER = 'viewer-token-0123456789abcdef0123456789abcdef';
const session = eachLive();
const RANGE = 'from=2026-11-16&to=2026-11-22';

/** `count` answers of `score` on 18 November, each with `over`. */
const answers = (count: number, score: number, over: Partial<NpsResponse> = {}) =>
  Array.from({ length: count }, () => response({ score, at: '2026-11-18T10:00:00Z', ...over }));

describe.each(backends)('$name', (backend) => {
  describe.skipIf(backend.skip)('the breakdown', () => {
    test('by device: each group with its n, NPS and interval, largest first', async () => {
      const c = await session.start(backend, { CANDOR_MIN_GROUP: '5' });
      await c.post(
        batch(
          ...answers(8, 10, { device: 'mobile' }),
          ...answers(4, 2, { device: 'mobile' }),
          ...answers(6, 9, { device: 'desktop' }),
          ...answers(6, 7, { device: 'desktop' }),
        ),
      );
      const body = await json(await c.read(`/v1/surveys/checkout/breakdown?by=device&${RANGE}`));
      expect(body).toEqual({
        survey: 'checkout',
        from: '2026-11-16',
        to: '2026-11-22',
        by: 'device',
        minGroup: 5,
        n: 24,
        groups: [
          { value: 'desktop', n: 12, nps: 50, interval: npsInterval({ promoters: 6, detractors: 0, n: 12 }) },
          { value: 'mobile', n: 12, nps: 33.3, interval: npsInterval({ promoters: 8, detractors: 4, n: 12 }) },
        ],
        suppressed: 0,
        more: 0,
      });
    });

    test('a small group is hidden, and so is the next smallest: the total minus the shown groups gives no single group back', async () => {
      const c = await session.start(backend); // minimum group 10
      await c.post(
        batch(
          ...answers(30, 10, { locale: 'en' }),
          ...answers(12, 9, { locale: 'de' }),
          ...answers(2, 0, { locale: 'fr' }), // the two people who answered in French
        ),
      );
      const summary = await json(await c.read(`/v1/surveys/checkout/summary?${RANGE}`));
      const body = await json(await c.read(`/v1/surveys/checkout/breakdown?by=locale&${RANGE}`));
      expect(body.groups.map((g: { value: string }) => g.value)).toEqual(['en']);
      expect(body.suppressed).toBe(2);
      // The attack: the summary's counts minus every shown group leave 14 answers of two groups, not the 2 French ones.
      const shown = body.groups.reduce((sum: number, g: { n: number }) => sum + g.n, 0);
      expect(summary.responses - shown).toBe(14);
      const shownDetractors = body.groups.reduce(
        (sum: number, g: { n: number; nps: number }) => sum + Math.round(((100 - g.nps) / 200) * g.n),
        0,
      );
      expect(summary.detractors - shownDetractors).toBe(2); // known to be in the hidden 14, not whose
      // Another breakdown of the same period (by device: one group of all 44) shows nothing smaller either.
      const device = await json(await c.read(`/v1/surveys/checkout/breakdown?by=device&${RANGE}`));
      expect(device.groups).toEqual([expect.objectContaining({ value: 'desktop', n: 44 })]);
    });

    test('by a segment key: answers without it are their own group (value null); a withdrawn answer leaves it', async () => {
      const c = await session.start(backend, { CANDOR_MIN_GROUP: '2' });
      const [gone, key] = withdrawable({ score: 0, at: '2026-11-18T10:00:00Z', segment: { plan: 'pro' } });
      await c.post(
        batch(
          ...answers(3, 10, { segment: { plan: 'pro' } }),
          ...answers(2, 6, { segment: { plan: 'free' } }),
          ...answers(2, 8),
          gone,
        ),
      );
      const before = await json(await c.read(`/v1/surveys/checkout/breakdown?by=segment.plan&${RANGE}`));
      expect(before.groups.map((g: { value: string | null; n: number }) => [g.value, g.n])).toEqual([
        ['pro', 4],
        ['free', 2],
        [null, 2],
      ]);
      expect((await c.withdraw(gone.id, key)).status).toBe(204);
      const after = await json(await c.read(`/v1/surveys/checkout/breakdown?by=segment.plan&${RANGE}`));
      expect(after.groups[0]).toMatchObject({ value: 'pro', n: 3, nps: 100 });
      expect(after.n).toBe(7);
    });

    test('400 naming the bad input: no or an unknown `by`, an unknown segment key, `from` after `to`', async () => {
      const c = await session.start(backend);
      await c.post(batch(...answers(1, 9, { segment: { plan: 'pro', region: 'eu' } })));
      const cases: [string, string][] = [
        ['', `by: expected page, device, locale or segment.<key> (this survey's keys: plan, region), got undefined`],
        [
          'by=score',
          `by: expected page, device, locale or segment.<key> (this survey's keys: plan, region), got "score"`,
        ],
        ['by=segment.tier', `by: unknown segment key "tier" (this survey's keys: plan, region)`],
        ['by=segment.', `by: unknown segment key "" (this survey's keys: plan, region)`],
        ['by=device&from=2026-11-20&to=2026-11-10', 'from: must not be after to (2026-11-20 > 2026-11-10)'],
      ];
      for (const [query, error] of cases) {
        const res = await c.read(`/v1/surveys/checkout/breakdown?${query}`);
        expect(res.status, query).toBe(400);
        expect(await errorOf(res), query).toBe(error);
      }
      const other = await c.read('/v1/surveys/home/breakdown?by=segment.plan');
      expect(await errorOf(other)).toBe('by: unknown segment key "plan" (no answer of this survey has a segment)');
    });

    test("a viewer's breakdown covers whole weeks, and hides small groups as the admin's does", async () => {
      const c = await session.start(backend, { CANDOR_VIEWER_TOKEN: VIEWER, CANDOR_MIN_GROUP: '3' });
      await c.post(
        batch(...answers(4, 10, { device: 'mobile' }), ...answers(1, 0, { device: 'tablet' }), ...answers(3, 9)),
      );
      const res = await fetch(`${c.url}/v1/surveys/checkout/breakdown?by=device&from=2026-11-18&to=2026-11-18`, {
        headers: { authorization: `Bearer ${VIEWER}` },
      });
      const body = await json(res);
      expect(body).toMatchObject({ from: '2026-11-16', to: '2026-11-22', n: 8, suppressed: 2 });
      expect(body.groups.map((g: { value: string }) => g.value)).toEqual(['mobile']);
      const admin = await json(await c.read('/v1/surveys/checkout/breakdown?by=device&from=2026-11-18&to=2026-11-18'));
      expect(admin).toMatchObject({ from: '2026-11-18', to: '2026-11-18', n: 8, suppressed: 2 });
    });
  });

  describe.skipIf(backend.skip)('the overview', () => {
    test('every survey with its NPS, interval and trend; a viewer sees no NPS for a survey below the minimum group', async () => {
      const c = await session.start(backend, { CANDOR_VIEWER_TOKEN: VIEWER, CANDOR_MIN_GROUP: '5' });
      await c.post(batch(...answers(6, 10), ...answers(4, 0), ...answers(3, 9, { survey: 'app' })));
      await c.post(batch(response({ survey: 'old', at: '2026-06-01T10:00:00Z' })));
      const admin = await json(await c.read(`/v1/surveys?${RANGE}`));
      expect(admin.map((s: { survey: string }) => s.survey)).toEqual(['app', 'checkout', 'old']);
      expect(admin[1]).toMatchObject({
        survey: 'checkout',
        from: '2026-11-16',
        to: '2026-11-22',
        n: 10,
        nps: 20,
        interval: npsInterval({ promoters: 6, detractors: 4, n: 10 }),
        suppressed: false,
      });
      expect(admin[1].trend.buckets).toEqual([expect.objectContaining({ from: '2026-11-16', n: 10 })]);
      expect(admin[0]).toMatchObject({ survey: 'app', n: 3, nps: 100, suppressed: false });
      expect(admin[2]).toMatchObject({ survey: 'old', n: 0, nps: null, interval: null });
      const viewer = await json(
        await fetch(`${c.url}/v1/surveys?from=2026-11-18&to=2026-11-18`, {
          headers: { authorization: `Bearer ${VIEWER}` },
        }),
      );
      expect(viewer[0]).toMatchObject({
        survey: 'app',
        from: '2026-11-16',
        n: 3,
        nps: null,
        interval: null,
        suppressed: true,
      });
      expect(viewer[1]).toMatchObject({ survey: 'checkout', n: 10, nps: 20, suppressed: false });
    });

    test('needs a token like every read; a bad range is a 400', async () => {
      const c = await session.start(backend);
      expect((await c.get('/v1/surveys')).status).toBe(401);
      const res = await c.read('/v1/surveys?from=yesterday');
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toBe('from: expected a date such as "2026-11-01", got "yesterday"');
    });
  });
});
