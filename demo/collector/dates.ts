// UTC calendar days as "YYYY-MM-DD" strings: the unit of the read API's ranges
// and of the daily series. Strings, not Dates, so no local time zone can shift
// a day (the server's TZ and the database session's never matter).
import { hourOf } from '../../src/lib/hourOf.js';

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Longest range a read accepts (about ten years): bounds the daily series' length. */
export const MAX_RANGE_DAYS = 3660;
/** Days a read covers when `from` is not given (today included). */
export const DEFAULT_RANGE_DAYS = 30;

/** The UTC day of an instant. */
export const dayOf = (ms: number | Date): string => new Date(ms).toISOString().slice(0, 10);

/** `day` shifted by `n` days. */
export const addDays = (day: string, n: number): string => dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);

/** Whole days from `from` to `to` (0 when equal). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** `s` when it is a real calendar day ("2026-02-30" is not). */
export function parseDay(s: string): string | undefined {
  if (!DAY.test(s)) return undefined;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isNaN(t) || dayOf(t) !== s ? undefined : s;
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The half-open instant range a day range covers, as ISO strings: [from 00:00Z, day after `to` 00:00Z). */
export const instantsOf = (from: string, to: string): [string, string] => [
  `${from}T00:00:00Z`,
  `${addDays(to, 1)}T00:00:00Z`,
];

/**
 * Reads `from` and `to` query values (UTC days, both included). Defaults: the
 * last 30 days up to today. Returns one sentence naming the bad parameter.
 */
export function readRange(
  query: { from?: string | undefined; to?: string | undefined },
  now: number,
): { from: string; to: string } | { error: string } {
  const to = query.to === undefined ? dayOf(now) : parseDay(query.to);
  if (!to) return { error: `to: expected a date such as "2026-11-22", got ${JSON.stringify(query.to)}` };
  const from = query.from === undefined ? addDays(to, 1 - DEFAULT_RANGE_DAYS) : parseDay(query.from);
  if (!from) return { error: `from: expected a date such as "2026-11-01", got ${JSON.stringify(query.from)}` };
  if (from > to) return { error: `from: must not be after to (${from} > ${to})` };
  if (daysBetween(from, to) >= MAX_RANGE_DAYS)
    return { error: `from: the range must be at most ${MAX_RANGE_DAYS} days` };
  return { from, to };
}

/** An instant to the second, "2026-11-22T10:37:12Z": as both databases compare it with a contact's expiry. */
export const instantOf = (ms: number | Date): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/**
 * When a contact that arrived at `receivedAt` expires: the hour it arrived plus
 * `days`, "2026-12-22T10:00:00Z" (the hour, like every time the collector keeps).
 */
export const expiryOf = (receivedAt: Date, days: number): string => hourOf(receivedAt.getTime() + days * DAY_MS);
