// Summary statistics for the bench parts (ctx.stats). Inputs are arrays of numbers.

const sorted = (xs) => [...xs].filter(Number.isFinite).sort((a, b) => a - b);

/** The middle value (mean of the two middle ones for an even count). */
export function median(xs) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The 95th percentile, nearest rank: with 20 runs it is the 19th smallest. */
export function p95(xs) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

export const mean = (xs) => {
  const s = sorted(xs);
  return s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
};
export const min = (xs) => sorted(xs)[0] ?? NaN;
export const max = (xs) => sorted(xs).at(-1) ?? NaN;

/** `{ n, median, p95, mean, min, max }` of a sample. */
export const summary = (xs) => ({
  n: sorted(xs).length,
  median: median(xs),
  p95: p95(xs),
  mean: mean(xs),
  min: min(xs),
  max: max(xs),
});
