/** A jump of the wall clock seen within a page: the time `from` (old clock) moved by `by` ms. */
export interface Jump {
  from: number;
  by: number;
}

/** "Now" in ms since the epoch; `jumps` lists the wall-clock jumps this page has seen. */
export type Clock = (() => number) & { jumps?: Jump[] };

/** A jump smaller than this is drift between the two clocks, not a correction. */
const TOLERANCE_MS = 60_000;

/**
 * The wall clock, followed whatever it does, with its jumps noted: the
 * monotonic clock tells how much time really passed since the last reading,
 * and a wall clock that moved more than a minute further (or back) than that
 * is a jump. A clock corrected by the OS, wrong at the start, is thus followed
 * at once; what was stored under the old time is moved by the outbox (forward
 * jumps) or counted as now (a time in the future), so neither direction
 * expires answers en masse or parks them. One rule for "the clock went back":
 * a stored time in the future counts as now.
 */
export function createClock(
  wall: () => number = () => Date.now(),
  mono: () => number = () => performance.now(),
): Clock {
  let lastWall = wall();
  let lastMono = mono();
  const jumps: Jump[] = [];
  const now: Clock = () => {
    const w = wall();
    const m = mono();
    const expected = lastWall + (m - lastMono);
    if (Math.abs(w - expected) > TOLERANCE_MS) jumps.push({ from: expected, by: w - expected });
    lastWall = w;
    lastMono = m;
    return w;
  };
  now.jumps = jumps;
  return now;
}
