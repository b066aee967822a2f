/**
 * A seeded generator of numbers in [0, 1) (mulberry32): the same sequence for the same seed, for
 * made-up data that must come out the same on every run (the sample, the tests' fixtures).
 */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
