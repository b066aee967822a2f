import { categoryOf } from '../../../src/lib/category.js';
import { npsOf } from '../storage/summarize.js';
import type { GroupBy, GroupCell } from '../storage/types.js';
import { npsInterval, type NpsInterval } from './interval.js';
import { suppress } from './suppress.js';

/** Groups a breakdown lists at most (the largest); `more` says how many shown groups were left out. */
export const MAX_GROUPS = 100;

/** One group of a breakdown: `value` null for answers without the segment key. */
export interface Group {
  value: string | null;
  n: number;
  nps: number | null;
  interval: NpsInterval | null;
}

/** A breakdown of one survey's period. */
export interface Breakdown {
  survey: string;
  from: string;
  to: string;
  by: GroupBy;
  minGroup: number;
  /** Every answer of the period: what the groups, hidden ones included, add up to. */
  n: number;
  /** Largest first (ties by value, no value last); never one below `minGroup`. */
  groups: Group[];
  /** How many groups are hidden: below `minGroup`, or hidden so that those cannot be recovered. */
  suppressed: number;
  /** Shown groups beyond `MAX_GROUPS`, left out of `groups`. */
  more: number;
}

/**
 * A breakdown from its cells (answers per value and score): every value's NPS and interval, the
 * groups below `minGroup` hidden for every caller with secondary suppression (suppress.ts), so no
 * hidden group can be recovered from `n` and the groups shown.
 */
export function breakdownOf(
  head: { survey: string; from: string; to: string; by: GroupBy },
  cells: readonly GroupCell[],
  minGroup: number,
): Breakdown {
  const byValue = new Map<string | null, { value: string | null; n: number; promoters: number; detractors: number }>();
  for (const { value, score, count } of cells) {
    let group = byValue.get(value);
    if (!group) byValue.set(value, (group = { value, n: 0, promoters: 0, detractors: 0 }));
    group.n += count;
    const category = categoryOf(score);
    if (category === 'promoter') group.promoters += count;
    else if (category === 'detractor') group.detractors += count;
  }
  // Ties in code-unit order, the same on every machine whatever its locale data; no value last.
  const rank = (g: { value: string | null }) => g.value ?? '\uffff';
  const all = [...byValue.values()].sort((a, b) => b.n - a.n || (rank(a) < rank(b) ? -1 : 1));
  const { shown, hidden } = suppress(all, minGroup);
  return {
    ...head,
    minGroup,
    n: all.reduce((sum, g) => sum + g.n, 0),
    groups: shown.slice(0, MAX_GROUPS).map((g) => ({
      value: g.value,
      n: g.n,
      nps: npsOf(g.promoters, g.detractors, g.n),
      interval: npsInterval(g),
    })),
    suppressed: hidden,
    more: Math.max(0, shown.length - MAX_GROUPS),
  };
}
