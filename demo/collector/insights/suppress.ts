/** The fewest answers a group, a trend's point or a theme may describe (CANDOR_MIN_GROUP). */
export const DEFAULT_MIN_GROUP = 10;

/** Anything counted: a breakdown's group, a trend's bucket. */
export interface Counted {
  n: number;
}

/**
 * Which groups of one aggregate may be shown when every group smaller than `minGroup` must stay
 * hidden, including from subtraction. The groups must add up to a total the reader can see (the
 * period's summary): answers without the attribute are a group of their own. Primary suppression
 * hides each group below `minGroup`; secondary suppression then hides the next smallest shown
 * group (ties: the later one in `groups`) for as long as the total minus the shown groups would
 * single out one hidden group, or would describe fewer than `minGroup` answers in all. So what can
 * be recovered of the hidden groups is only their sum, which covers `minGroup` answers or more.
 * Groups with no answers are neither shown nor counted. A total below `minGroup` is itself a small
 * group: then nothing is shown here, and the caller hides the total's own figures.
 */
export function suppress<T extends Counted>(groups: readonly T[], minGroup: number) {
  const present = groups.filter((g) => g.n > 0);
  const hidden = present.filter((g) => g.n < minGroup);
  // Smallest first; among equals, the later one first (a stable choice, the same on every request).
  const shown = present
    .filter((g) => g.n >= minGroup)
    .map((g, i) => ({ g, i }))
    .sort((a, b) => a.g.n - b.g.n || b.i - a.i)
    .map(({ g }) => g);
  const hiddenTotal = () => hidden.reduce((sum, g) => sum + g.n, 0);
  while (shown.length && (hidden.length === 1 || (hidden.length > 0 && hiddenTotal() < minGroup)))
    hidden.push(shown.shift()!);
  const keep = new Set(shown);
  return { shown: present.filter((g) => keep.has(g)), hidden: hidden.length };
}
