/** setTimeout and clearTimeout, injectable so tests can run days in milliseconds. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** The longest delay a browser timer takes as given (a larger one fires at once). */
const MAX_DELAY = 2 ** 31 - 1;

/** The page's own timers; every delay is capped, so a far-future time can never fire at once. */
export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, Math.min(Math.max(0, ms), MAX_DELAY)),
  clearTimeout: (id) => clearTimeout(id as number),
};
