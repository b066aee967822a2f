import { addDays, daysBetween } from '../dates.js';

/** The Monday (UTC) of `day`'s ISO week. */
export const mondayOf = (day: string): string => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * A range widened to whole ISO weeks, Monday to Sunday (UTC): what a viewer's read covers, so two
 * overlapping periods differ by whole weeks at least and cannot be subtracted day by day.
 */
export function snapToWeeks(from: string, to: string): { from: string; to: string } {
  return { from: mondayOf(from), to: addDays(mondayOf(to), 6) };
}

/** The period of the same length just before `from`…`to` (the summary's "previous"). */
export function previousOf(from: string, to: string): { from: string; to: string } {
  const days = daysBetween(from, to) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}
