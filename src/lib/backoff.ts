/** Delay before retry n (1-based): min(10 min, 2 s · 2^n) · (0.5 + random/2). */
export const backoff = (attempts: number, random: () => number = Math.random): number =>
  Math.min(600_000, 2000 * 2 ** attempts) * (0.5 + random() / 2);
