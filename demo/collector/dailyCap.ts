import { addDays, dayOf } from './dates.js';
import type { Storage } from './storage/types.js';

/** A survey that has its answers for the day, the cap, and the seconds until the next UTC day. */
export interface Capped {
  survey: string;
  cap: number;
  retryAfter: number;
}

/**
 * The per-survey daily cap (CANDOR_SURVEY_DAILY_CAP): a survey whose answers
 * received today (UTC) reach `cap` is refused until 00:00 UTC. The count is
 * the database's, so collectors sharing one PostgreSQL share the cap; it
 * reads one index range, at most `cap` entries long, per survey of a batch.
 * A survey found full is remembered until the day ends, so refusing it costs
 * no query. A batch that arrives just under the cap is stored whole, and
 * collectors racing may pass the cap by a batch or so: it is a brake, not an
 * exact count. `cap` 0 turns it off.
 */
export function dailyCap(storage: Storage, cap: number, now: () => number) {
  const full = new Map<string, string>(); // survey → the UTC day it is full on
  return async (surveys: Iterable<string>): Promise<Capped | undefined> => {
    if (cap <= 0) return undefined;
    const t = now();
    const today = dayOf(t);
    const retryAfter = Math.max(1, Math.ceil((Date.parse(`${addDays(today, 1)}T00:00:00Z`) - t) / 1000));
    for (const [survey, day] of full) if (day !== today) full.delete(survey);
    for (const survey of new Set(surveys)) {
      if (full.has(survey) || (await storage.countReceived(survey, today)) >= cap) {
        full.set(survey, today);
        return { survey, cap, retryAfter };
      }
    }
    return undefined;
  };
}
