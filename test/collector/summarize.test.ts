// The NPS arithmetic both storages share.
import { expect, test } from 'vitest';
import { npsOf, summarize } from '../../demo/collector/storage/summarize.js';

test('NPS is % promoters − % detractors, one decimal, null without answers', () => {
  expect(npsOf(5, 3, 10)).toBe(20);
  expect(npsOf(1, 0, 3)).toBe(33.3);
  expect(npsOf(0, 2, 3)).toBe(-66.7);
  expect(npsOf(4, 0, 4)).toBe(100);
  expect(npsOf(0, 4, 4)).toBe(-100);
  expect(npsOf(0, 0, 0)).toBeNull();
});

test('a tiny negative NPS rounds to 0, not −0', () => {
  expect(Object.is(npsOf(999, 1000, 2_600_000), 0)).toBe(true);
});

test('summarize adds cells into categories, the distribution and every day of the range', () => {
  const s = summarize('home', '2026-11-21', '2026-11-23', [
    { date: '2026-11-21', score: 10, count: 3 },
    { date: '2026-11-21', score: 6, count: 1 },
    { date: '2026-11-23', score: 7, count: 2 },
  ]);
  expect(s).toMatchObject({ responses: 6, promoters: 3, passives: 2, detractors: 1, nps: 33.3 });
  expect(s.distribution).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3]);
  expect(s.daily.map((d) => [d.date, d.count, d.nps])).toEqual([
    ['2026-11-21', 4, 50],
    ['2026-11-22', 0, null],
    ['2026-11-23', 2, 0],
  ]);
});
