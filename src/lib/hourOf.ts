/** The hour of `now`, UTC, as "2026-11-22T22:00:00Z": minutes would help re-identify. */
export const hourOf = (now: number): string => new Date(now - (now % 3_600_000)).toISOString().slice(0, 13) + ':00:00Z';
