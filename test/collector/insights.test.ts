import { describe, expect, test } from 'vitest';
import { npsInterval, zOf } from '../../demo/collector/insights/interval.js';
import { compareNps } from '../../demo/collector/insights/compare.js';
import { suppress } from '../../demo/collector/insights/suppress.js';
import { breakdownOf, MAX_GROUPS } from '../../demo/collector/insights/breakdown.js';
import { trendOf } from '../../demo/collector/insights/trend.js';
import { mondayOf, previousOf, snapToWeeks } from '../../demo/collector/insights/weeks.js';
import { addDays } from '../../demo/collector/dates.js';
import { seeded } from '../../demo/collector/seeded.js';

/** `n` answers drawn from a population with these shares of promoters and detractors. */
function sample(random: () => number, n: number, promoterShare: number, detractorShare: number) {
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < promoterShare) promoters++;
    else if (r < promoterShare + detractorShare) detractors++;
  }
  return { promoters, detractors, n };
}

describe('the NPS interval (adjusted Wald)', () => {
  test('matches the method worked by hand: 50 promoters, 20 detractors of 100 → 14.1 to 44.2', () => {
    // n' = 103, p = 50.75/103, d = 20.75/103, var = (p + d − (p − d)²)/103, ± 1.96 · √var
    expect(npsInterval({ promoters: 50, detractors: 20, n: 100 })).toEqual({
      low: 14.1,
      high: 44.2,
      level: 0.95,
      method: 'adjusted-wald',
    });
    expect(zOf(0.95)).toBeCloseTo(1.959964, 5);
    expect(zOf(0.99)).toBeCloseTo(2.575829, 5);
  });

  test('no answers: no interval; all promoters: clamped to 100 at most, never a point', () => {
    expect(npsInterval({ promoters: 0, detractors: 0, n: 0 })).toBeNull();
    const all = npsInterval({ promoters: 10, detractors: 0, n: 10 })!;
    expect(all.high).toBeLessThanOrEqual(100);
    expect(all.low).toBeLessThan(all.high);
    expect(all.low).toBeGreaterThan(0);
    const none = npsInterval({ promoters: 0, detractors: 12, n: 12 })!;
    expect(none.low).toBeGreaterThanOrEqual(-100);
  });

  test('narrows as answers grow, and a wider level gives a wider interval', () => {
    const width = (n: number, level = 0.95) => {
      const i = npsInterval({ promoters: 0.4 * n, detractors: 0.2 * n, n }, level)!;
      return i.high - i.low;
    };
    expect(width(40)).toBeGreaterThan(width(400));
    expect(width(400)).toBeGreaterThan(width(4000));
    expect(width(400, 0.99)).toBeGreaterThan(width(400, 0.95));
  });

  test.each([
    [30, 0.4, 0.25],
    [12, 0.5, 0.1],
    [200, 0.3, 0.3],
  ])(
    'covers the true NPS in about 95% of 4,000 samples of %i (promoters %f, detractors %f)',
    (n, promoterShare, detractorShare) => {
      const random = seeded(n);
      const truth = 100 * (promoterShare - detractorShare);
      let covered = 0;
      const runs = 4000;
      for (let i = 0; i < runs; i++) {
        const { low, high } = npsInterval(sample(random, n, promoterShare, detractorShare))!;
        if (low <= truth && truth <= high) covered++;
      }
      expect(covered / runs).toBeGreaterThan(0.93);
      expect(covered / runs).toBeLessThan(0.98);
    },
  );
});

describe('comparing two periods', () => {
  test('a change of 20 points on 100 answers each is within noise (p ≈ 0.07); 50 points is not', () => {
    const within = compareNps({ promoters: 50, detractors: 20, n: 100 }, { promoters: 35, detractors: 25, n: 100 })!;
    expect(within.change).toBe(20);
    expect(within.p).toBeCloseTo(0.0717, 3);
    expect(within.significant).toBe(false);
    const beyond = compareNps({ promoters: 60, detractors: 10, n: 100 }, { promoters: 30, detractors: 30, n: 100 })!;
    expect(beyond.change).toBe(50);
    expect(beyond.significant).toBe(true);
  });

  test('two samples of the same population are called different about 5% of the time', () => {
    const random = seeded(7);
    let different = 0;
    const runs = 3000;
    for (let i = 0; i < runs; i++)
      if (compareNps(sample(random, 80, 0.45, 0.2), sample(random, 80, 0.45, 0.2))!.significant) different++;
    expect(different / runs).toBeGreaterThan(0.02);
    expect(different / runs).toBeLessThan(0.07);
  });

  test('a period without answers: nothing to compare', () => {
    expect(compareNps({ promoters: 1, detractors: 0, n: 1 }, { promoters: 0, detractors: 0, n: 0 })).toBeNull();
  });
});

describe('suppressing small groups', () => {
  const g = (value: string, n: number) => ({ value, n });

  test('a group below the minimum is hidden, and so is the next smallest: the total minus the rest would give it away', () => {
    const result = suppress([g('a', 50), g('b', 30), g('c', 4)], 10);
    expect(result).toEqual({ shown: [g('a', 50)], hidden: 2 });
  });

  test('hidden groups that add up to fewer than the minimum take the next smallest with them', () => {
    expect(suppress([g('a', 50), g('b', 30), g('c', 4), g('d', 3)], 10)).toEqual({ shown: [g('a', 50)], hidden: 3 });
    // Together they cover 11 answers: only their sum can be recovered, and it covers more than 10.
    expect(suppress([g('a', 50), g('b', 30), g('c', 6), g('d', 5)], 10)).toEqual({
      shown: [g('a', 50), g('b', 30)],
      hidden: 2,
    });
  });

  test('nothing below the minimum: everything shown, in the given order; empty groups are left out', () => {
    expect(suppress([g('x', 10), g('y', 12), g('z', 0)], 10)).toEqual({ shown: [g('x', 10), g('y', 12)], hidden: 0 });
  });

  test('the differencing attack: total minus the shown groups never isolates one group or fewer than the minimum', () => {
    const random = seeded(2026);
    for (let round = 0; round < 2000; round++) {
      const minGroup = 2 + Math.floor(random() * 15);
      const groups = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) =>
        g(`v${i}`, Math.floor(random() * random() * 60)),
      );
      const total = groups.reduce((sum, x) => sum + x.n, 0);
      const { shown, hidden } = suppress(groups, minGroup);
      // A period with fewer answers than the minimum: the summary hides its own figures; no group shows.
      if (total < minGroup) {
        expect(shown).toEqual([]);
        continue;
      }
      const residual = total - shown.reduce((sum, x) => sum + x.n, 0);
      expect(shown.every((x) => x.n >= minGroup)).toBe(true);
      // What the attacker gets: nothing, or the sum of two groups or more covering ≥ minGroup answers.
      if (residual > 0) {
        expect(hidden).toBeGreaterThanOrEqual(2);
        expect(residual).toBeGreaterThanOrEqual(minGroup);
      }
    }
  });

  test('without the secondary rule the attack works (the case above is not vacuous)', () => {
    const groups = [g('a', 50), g('b', 30), g('c', 4)];
    const primaryOnly = groups.filter((x) => x.n >= 10);
    const total = groups.reduce((sum, x) => sum + x.n, 0);
    expect(total - primaryOnly.reduce((sum, x) => sum + x.n, 0)).toBe(4); // group c, recovered
    const { shown } = suppress(groups, 10);
    expect(total - shown.reduce((sum, x) => sum + x.n, 0)).toBe(34); // b and c together
  });
});

describe('weeks', () => {
  test('a range widens to whole ISO weeks, Monday to Sunday (UTC)', () => {
    // 2026-11-04 is a Wednesday; 2026-11-20 a Friday.
    expect(snapToWeeks('2026-11-04', '2026-11-20')).toEqual({ from: '2026-11-02', to: '2026-11-22' });
    expect(snapToWeeks('2026-11-02', '2026-11-08')).toEqual({ from: '2026-11-02', to: '2026-11-08' });
    // Across a year's end: Thursday 2026-12-31 is in the week of Monday 2026-12-28.
    expect(snapToWeeks('2026-12-31', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(mondayOf('2026-11-08')).toBe('2026-11-02'); // a Sunday
  });

  test('the previous period has the same length and ends the day before', () => {
    expect(previousOf('2026-11-01', '2026-11-30')).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(previousOf('2026-11-30', '2026-11-30')).toEqual({ from: '2026-11-29', to: '2026-11-29' });
  });
});

describe('the trend', () => {
  /** Days from `from`, each with `count` answers: `promoters` of them promoters, `detractors` detractors. */
  const days = (from: string, counts: [count: number, promoters: number, detractors: number][]) =>
    counts.map(([count, promoters, detractors], i) => ({
      date: addDays(from, i),
      count,
      promoters,
      passives: count - promoters - detractors,
      detractors,
      nps: null,
    }));

  test('a short range with enough answers every day is drawn by day, each with its interval', () => {
    const { unit, buckets } = trendOf(days('2026-11-02', Array(7).fill([20, 10, 4])), 10);
    expect(unit).toBe('day');
    expect(buckets).toHaveLength(7);
    expect(buckets[0]).toEqual({
      from: '2026-11-02',
      to: '2026-11-02',
      n: 20,
      nps: 30,
      interval: npsInterval({ promoters: 10, detractors: 4, n: 20 }),
    });
  });

  test('one thin day turns the trend into weeks, clipped to the range', () => {
    // Wednesday 2026-11-04 to Sunday 2026-11-15: a partial week, then a whole one.
    const input = days('2026-11-04', [[3, 1, 1], ...Array(11).fill([20, 10, 4])]);
    const { unit, buckets } = trendOf(input, 10);
    expect(unit).toBe('week');
    expect(buckets.map((b) => [b.from, b.to, b.n])).toEqual([
      ['2026-11-04', '2026-11-08', 3 + 4 * 20],
      ['2026-11-09', '2026-11-15', 7 * 20],
    ]);
  });

  test('a week below the minimum is a gap, and so is the next smallest: the total cannot give it back', () => {
    // Three weeks: 30, 4 and 70 answers; the period's total (104) is public.
    const week = (n: number) =>
      Array(7)
        .fill(0)
        .map((_, i) => (i === 0 ? [n, Math.floor(n / 2), 1] : [0, 0, 0])) as [number, number, number][];
    const input = days('2026-11-02', [...week(30), ...week(4), ...week(70)]);
    const { buckets } = trendOf(input, 10);
    expect(buckets.map((b) => b.n)).toEqual([null, null, 70]);
    expect(buckets.filter((b) => b.n === null).every((b) => b.nps === null && b.interval === null)).toBe(true);
  });

  test('a week without answers is 0, not a gap', () => {
    const input = days('2026-11-02', [
      ...Array(7).fill([20, 10, 4]),
      ...Array(7).fill([0, 0, 0]),
      ...Array(7).fill([20, 10, 4]),
    ]);
    expect(trendOf(input, 10).buckets.map((b) => b.n)).toEqual([140, 0, 140]);
  });
});

describe('a breakdown', () => {
  const head = { survey: 'checkout', from: '2026-11-16', to: '2026-11-22', by: 'page' as const };

  test('lists at most 100 groups, the largest, and says how many shown groups it left out', () => {
    const cells = Array.from({ length: 150 }, (_, i) => ({
      value: `/p${String(i).padStart(3, '0')}`,
      score: 9,
      count: 10 + i,
    }));
    const body = breakdownOf(head, cells, 10);
    expect(body.groups).toHaveLength(MAX_GROUPS);
    expect(body.more).toBe(50);
    expect(body.groups[0]).toMatchObject({ value: '/p149', n: 159 });
    expect(body.n).toBe(cells.reduce((sum, c) => sum + c.count, 0));
  });

  test('sums a group over its scores; categories decide the NPS; no group below the minimum', () => {
    const body = breakdownOf(
      head,
      [
        { value: '/a', score: 10, count: 6 },
        { value: '/a', score: 8, count: 2 },
        { value: '/a', score: 0, count: 4 },
        { value: '/b', score: 9, count: 12 },
        { value: '/c', score: 9, count: 9 },
      ],
      10,
    );
    // /c (9) is below 10; the smallest shown group goes with it (of /a and /b, 12 each, the later: /b),
    // so the total minus /a covers two groups, 21 answers.
    expect(body.groups).toEqual([
      { value: '/a', n: 12, nps: 16.7, interval: npsInterval({ promoters: 6, detractors: 4, n: 12 }) },
    ]);
    expect(body.suppressed).toBe(2);
  });
});
