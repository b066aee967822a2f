const HOUR = 3_600_000;

/**
 * Delay before retry n (1-based): 2 s · 2^n, capped at 10 min while the answer
 * is less than an hour old and at 30 min after that, times (0.5 + random/2).
 */
export const backoff = (attempts: number, random: () => number = Math.random, ageMs = 0): number =>
  Math.min(ageMs < HOUR ? 600_000 : 1_800_000, 2000 * 2 ** Math.min(attempts, 30)) * (0.5 + random() / 2);
