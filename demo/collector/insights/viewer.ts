import type { SummaryWithInsights } from './summaryInsights.js';
import { snapToWeeks } from './weeks.js';
import type { Role } from '../readAuth.js';

/**
 * The range a read covers: as asked for the admin; widened to whole ISO weeks for a viewer, so that
 * two overlapping periods differ by whole weeks at least and cannot be subtracted day by day.
 */
export const rangeFor = (role: Role, range: { from: string; to: string }) =>
  role === 'admin' ? range : snapToWeeks(range.from, range.to);

/** A summary as a viewer gets it: no `daily` series; `suppressed` when the period is a small group. */
export type ViewerSummary = Omit<SummaryWithInsights, 'daily' | 'promoters' | 'passives' | 'detractors'> & {
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  suppressed: boolean;
};

/**
 * A summary under the viewer rules: the daily series goes (its days may be small groups; the trend
 * keeps only points of `minGroup` answers or more); a period with fewer than `minGroup` answers
 * keeps its count but shows no NPS, interval, categories or distribution (one answer's score would
 * be its NPS); nor does the previous period, or the change, when that one is as small.
 */
export function forViewer(summary: SummaryWithInsights): ViewerSummary {
  const { daily: _daily, ...rest } = summary;
  const small = (n: number) => n > 0 && n < summary.minGroup;
  const previous = small(summary.previous.n)
    ? { ...summary.previous, nps: null, interval: null, change: null, significant: null, p: null }
    : summary.previous;
  if (!small(summary.responses)) return { ...rest, previous, suppressed: false };
  return {
    ...rest,
    promoters: null,
    passives: null,
    detractors: null,
    nps: null,
    interval: null,
    distribution: [],
    previous: { ...previous, change: null, significant: null, p: null },
    suppressed: true,
  };
}
