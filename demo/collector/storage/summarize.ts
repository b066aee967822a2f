import { categoryOf } from '../../../src/lib/category.js';
import { eachDay } from '../dates.js';
import type { DayPoint, Summary } from './types.js';

/** One group of the summary query: how many answers gave `score` on `date`. */
export interface Cell {
  date: string;
  score: number;
  count: number;
}

/**
 * NPS = % promoters − % detractors, rounded to one decimal (a whole number
 * hides movement on small samples; more decimals are noise); null without answers.
 */
export function npsOf(promoters: number, detractors: number, count: number): number | null {
  if (count === 0) return null;
  // `+ 0` turns −0 (e.g. −0.04 rounded) into 0.
  return Math.round((1000 * (promoters - detractors)) / count) / 10 + 0;
}

/**
 * Builds a summary from per-day, per-score counts. Both databases only group
 * and count; the arithmetic lives here once, so they cannot disagree.
 */
export function summarize(survey: string, from: string, to: string, cells: readonly Cell[]): Summary {
  const distribution = Array<number>(11).fill(0);
  const days = new Map<string, DayPoint>(
    eachDay(from, to).map((date) => [date, { date, count: 0, promoters: 0, passives: 0, detractors: 0, nps: null }]),
  );
  for (const { date, score, count } of cells) {
    const day = days.get(date);
    if (!day) continue; // outside the range: cannot happen with the range's own bounds
    distribution[score]! += count;
    day.count += count;
    const category = categoryOf(score);
    if (category === 'promoter') day.promoters += count;
    else if (category === 'passive') day.passives += count;
    else day.detractors += count;
  }
  const daily = [...days.values()];
  const total = { responses: 0, promoters: 0, passives: 0, detractors: 0 };
  for (const day of daily) {
    day.nps = npsOf(day.promoters, day.detractors, day.count);
    total.responses += day.count;
    total.promoters += day.promoters;
    total.passives += day.passives;
    total.detractors += day.detractors;
  }
  return {
    survey,
    from,
    to,
    ...total,
    nps: npsOf(total.promoters, total.detractors, total.responses),
    distribution,
    daily,
  };
}
