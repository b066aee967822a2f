const DAY = 86_400_000;

/**
 * "Now" in ms since the epoch, immune to wall-clock jumps within a page's
 * life: time is counted on the monotonic clock from the last sane reading.
 * The wall clock is followed again as soon as it agrees (within −1 min and
 * +30 days, which covers a sleeping laptop). A jump of ±1 year therefore
 * neither expires every answer nor parks one for a year.
 */
export function createClock(wall: () => number = Date.now, mono: () => number = () => performance.now()): () => number {
  let baseWall = wall();
  let baseMono = mono();
  return () => {
    const w = wall();
    const m = mono();
    const expected = baseWall + (m - baseMono);
    if (w - expected > -60_000 && w - expected < 30 * DAY) {
      baseWall = w;
      baseMono = m;
      return w;
    }
    return expected;
  };
}
