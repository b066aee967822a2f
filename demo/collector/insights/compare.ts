import { errorFunction } from 'simple-statistics';
import { adjusted, type NpsCounts } from './interval.js';

/** How a period's NPS compares with another's. */
export interface NpsChange {
  /** This period's NPS minus the other's, in points (raw NPS, one decimal). */
  change: number;
  /** Two-sided p of the difference of the adjusted estimates (a z test). */
  p: number;
  /** Beyond noise: p below 1 − level. */
  significant: boolean;
}

/** The standard normal distribution's two-sided tail beyond |z|. */
const twoSided = (z: number) => 1 - errorFunction(Math.abs(z) / Math.SQRT2);

const raw = ({ promoters, detractors, n }: NpsCounts) => (100 * (promoters - detractors)) / n;

/**
 * Compares two independent samples' NPS (e.g. this period and the previous one of the same
 * length): the difference of their adjusted-Wald estimates over the square root of the sum of their
 * variances, a z test (Sauro & Lewis's test for two NPS). Null when either has no answers.
 */
export function compareNps(now: NpsCounts, before: NpsCounts, level = 0.95): NpsChange | null {
  if (now.n <= 0 || before.n <= 0) return null;
  const a = adjusted(now);
  const b = adjusted(before);
  const p = twoSided((a.nps - b.nps) / Math.sqrt(a.variance + b.variance));
  return {
    change: Math.round(10 * (raw(now) - raw(before))) / 10 + 0,
    p,
    significant: p < 1 - level,
  };
}
