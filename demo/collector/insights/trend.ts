import { daysBetween } from '../dates.js';
import type { DayPoint } from '../storage/types.js';
import { npsOf } from '../storage/summarize.js';
import { npsInterval, type NpsInterval } from './interval.js';
import { suppress } from './suppress.js';
import { mondayOf } from './weeks.js';

/** A point of the trend: a day or a week (clipped to the range), or a gap where it has too few answers. */
export interface Bucket {
  from: string;
  to: string;
  /** Null for a gap: fewer answers than the minimum group size (or hidden so a gap cannot be recovered); 0 for none. */
  n: number | null;
  nps: number | null;
  interval: NpsInterval | null;
}

/** Days are the unit when the range is at most this long and every day has enough answers. */
export const DAILY_MAX_DAYS = 31;

/**
 * The trend of a range from its daily counts: one bucket per day when the range is short
 * (≤ 31 days) and every day has at least `minGroup` answers, else one per ISO week (Monday to
 * Sunday, UTC, clipped to the range). A bucket below `minGroup` is a gap, with secondary
 * suppression (suppress.ts) so that the period's total minus the points shown never
 * recovers it.
 */
export function trendOf(daily: readonly DayPoint[], minGroup: number): { unit: 'day' | 'week'; buckets: Bucket[] } {
  const byDay =
    daily.length > 0 &&
    daysBetween(daily[0]!.date, daily.at(-1)!.date) < DAILY_MAX_DAYS &&
    daily.every((d) => d.count >= minGroup);
  const groups: { from: string; to: string; n: number; promoters: number; detractors: number }[] = [];
  for (const day of daily) {
    const start = byDay ? day.date : mondayOf(day.date);
    let last = groups.at(-1);
    if (!last || (byDay ? last.from !== start : mondayOf(last.from) !== start)) {
      last = { from: day.date, to: day.date, n: 0, promoters: 0, detractors: 0 };
      groups.push(last);
    }
    last.to = day.date;
    last.n += day.count;
    last.promoters += day.promoters;
    last.detractors += day.detractors;
  }
  const shown = new Set(suppress(groups, minGroup).shown);
  return {
    unit: byDay ? 'day' : 'week',
    buckets: groups.map((g) =>
      shown.has(g) || g.n === 0
        ? { from: g.from, to: g.to, n: g.n, nps: npsOf(g.promoters, g.detractors, g.n), interval: npsInterval(g) }
        : { from: g.from, to: g.to, n: null, nps: null, interval: null },
    ),
  };
}
