import type { Storage, Summary } from '../storage/types.js';
import { compareNps, type NpsChange } from './compare.js';
import { npsInterval, type NpsInterval } from './interval.js';
import { trendOf, type Bucket } from './trend.js';
import { previousOf } from './weeks.js';

/** A summary with how sure its NPS is, how it compares with the period before, and its trend. */
export interface SummaryWithInsights extends Summary {
  /** The fewest answers a figure of its own may describe: smaller trend points are gaps. */
  minGroup: number;
  /** The NPS's 95% interval (adjusted Wald); null without answers. */
  interval: NpsInterval | null;
  /** The period of the same length just before this one. */
  previous: {
    from: string;
    to: string;
    n: number;
    nps: number | null;
    interval: NpsInterval | null;
    /** This period's NPS minus that one's; null when either has no answers. */
    change: number | null;
    /** Whether the change is beyond noise (a z test on the difference, p < 0.05). */
    significant: boolean | null;
    p: number | null;
  };
  /** Weekly points (daily when the range is short and every day has enough answers); gaps below `minGroup`. */
  trend: { unit: 'day' | 'week'; buckets: Bucket[] };
}

const countsOf = (s: Summary) => ({ promoters: s.promoters, detractors: s.detractors, n: s.responses });

/** The summary of `from`…`to` with its interval, its comparison with the period before, and its trend. */
export async function summaryWithInsights(
  storage: Storage,
  survey: string,
  from: string,
  to: string,
  minGroup: number,
): Promise<SummaryWithInsights> {
  const before = previousOf(from, to);
  const [now, then] = await Promise.all([
    storage.summary(survey, from, to),
    storage.summary(survey, before.from, before.to),
  ]);
  const change: NpsChange | null = compareNps(countsOf(now), countsOf(then));
  return {
    ...now,
    minGroup,
    interval: npsInterval(countsOf(now)),
    previous: {
      ...before,
      n: then.responses,
      nps: then.nps,
      interval: npsInterval(countsOf(then)),
      change: change?.change ?? null,
      significant: change?.significant ?? null,
      p: change?.p ?? null,
    },
    trend: trendOf(now.daily, minGroup),
  };
}
