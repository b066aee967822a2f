// The summary's insights over real HTTP on SQLite and PostgreSQL: the NPS's interval, the previous
// period and whether the change is beyond noise, and the trend with its gaps.
import { describe, expect, test } from 'vitest';
import { backends } from './backends.js';
import { eachLive } from './eachLive.js';
import { batch, response, withdrawable } from './fixtures.js';
import { json } from './harness.js';
import { npsInterval } from '../../demo/collector/insights/interval.js';

const session = eachLive();

/** `count` answers of `score` on `day` (10:00 UTC). */
const answers = (day: string, score: number, count: number) =>
  Array.from({ length: count }, () => response({ score, at: `${day}T10:00:00Z` }));

describe.each(backends)('$name', (backend) => {
  describe.skipIf(backend.skip)('the summary with insights', () => {
    test('the NPS with its interval; the previous period of the same length, and a change beyond noise', async () => {
      const c = await session.start(backend, { CANDOR_MIN_GROUP: '5' });
      // This week (Monday 16 to Sunday 22 November): 20 promoters, 5 passives, 5 detractors.
      await c.post(
        batch(...answers('2026-11-16', 10, 20), ...answers('2026-11-18', 8, 5), ...answers('2026-11-20', 3, 5)),
      );
      // The week before: 6 promoters, 4 passives, 20 detractors.
      await c.post(
        batch(...answers('2026-11-09', 9, 6), ...answers('2026-11-11', 7, 4), ...answers('2026-11-13', 0, 20)),
      );
      const body = await json(await c.read('/v1/surveys/checkout/summary?from=2026-11-16&to=2026-11-22'));
      expect(body).toMatchObject({ responses: 30, nps: 50, minGroup: 5 });
      expect(body.interval).toEqual(npsInterval({ promoters: 20, detractors: 5, n: 30 }));
      expect(body.interval.low).toBeLessThan(50);
      expect(body.interval.high).toBeGreaterThan(50);
      expect(body.previous).toMatchObject({
        from: '2026-11-09',
        to: '2026-11-15',
        n: 30,
        nps: -46.7,
        interval: npsInterval({ promoters: 6, detractors: 20, n: 30 }),
        change: 96.7,
        significant: true,
      });
      expect(body.previous.p).toBeLessThan(0.001);
      // A short range, but days with fewer than 5 answers: one point per week.
      expect(body.trend).toEqual({
        unit: 'week',
        buckets: [{ from: '2026-11-16', to: '2026-11-22', n: 30, nps: 50, interval: body.interval }],
      });
    });

    test('a change within noise is not called significant; a period without answers compares with nothing', async () => {
      const c = await session.start(backend);
      await c.post(batch(...answers('2026-11-20', 10, 12), ...answers('2026-11-20', 5, 8)));
      await c.post(batch(...answers('2026-11-13', 10, 10), ...answers('2026-11-13', 5, 10)));
      const body = await json(await c.read('/v1/surveys/checkout/summary?from=2026-11-16&to=2026-11-22'));
      expect(body.previous).toMatchObject({ n: 20, nps: 0, change: 20, significant: false });
      const empty = await json(await c.read('/v1/surveys/checkout/summary?from=2026-10-01&to=2026-10-07'));
      expect(empty).toMatchObject({ responses: 0, nps: null, interval: null });
      expect(empty.previous).toMatchObject({ n: 0, nps: null, change: null, significant: null, p: null });
    });

    test('a thin week is a gap, and so is the other: the total minus one shown week would give it back', async () => {
      const c = await session.start(backend); // CANDOR_MIN_GROUP default: 10
      // Three weeks before the collector's today (answers from the future are stored at their arrival).
      await c.post(batch(...answers('2026-10-27', 10, 14)));
      await c.post(batch(...answers('2026-11-03', 0, 3)));
      await c.post(batch(...answers('2026-11-10', 9, 25)));
      const body = await json(await c.read('/v1/surveys/checkout/summary?from=2026-10-26&to=2026-11-15'));
      expect(body.responses).toBe(42);
      expect(body.trend.unit).toBe('week');
      expect(body.trend.buckets.map((b: { from: string; n: number | null }) => [b.from, b.n])).toEqual([
        ['2026-10-26', null],
        ['2026-11-02', null],
        ['2026-11-09', 25],
      ]);
    });

    test('a withdrawn answer leaves the NPS, its interval and the trend', async () => {
      const c = await session.start(backend, { CANDOR_MIN_GROUP: '2' });
      const [gone, key] = withdrawable({ score: 0, at: '2026-11-20T10:00:00Z' });
      await c.post(batch(...answers('2026-11-20', 10, 3), gone));
      const before = await json(await c.read('/v1/surveys/checkout/summary?from=2026-11-16&to=2026-11-22'));
      expect(before).toMatchObject({ responses: 4, nps: 50 });
      expect((await c.withdraw(gone.id, key)).status).toBe(204);
      const after = await json(await c.read('/v1/surveys/checkout/summary?from=2026-11-16&to=2026-11-22'));
      expect(after).toMatchObject({ responses: 3, nps: 100 });
      expect(after.interval).toEqual(npsInterval({ promoters: 3, detractors: 0, n: 3 }));
      expect(after.trend.buckets[0]).toMatchObject({ n: 3, nps: 100 });
    });
  });
});
