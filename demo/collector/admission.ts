import type { dailyCap } from './dailyCap.js';
import { createQuota } from './rateLimit.js';

/** Why a valid batch is not taken now, and when to try again (whole seconds). */
export interface Refusal {
  error: string;
  retryAfter: number;
}

/**
 * Whether a valid batch is taken now: the global quota (CANDOR_GLOBAL_RATE_LIMIT,
 * batches a minute from all clients together), then the per-survey daily cap.
 * Asked by `ingest` after the schema and the survey allowlist, just before the
 * database work both bound, so requests refused for their content type, size
 * or schema never spend the quota the valid answers need.
 */
export function admission(globalLimit: number, capped: ReturnType<typeof dailyCap>, now: () => number) {
  const quota = globalLimit > 0 ? createQuota(globalLimit, now) : undefined;
  return async (surveys: Iterable<string>): Promise<Refusal | undefined> => {
    const all = quota?.hit();
    if (all && !all.ok)
      return {
        retryAfter: all.retryAfter,
        error: `rate limit: the collector takes at most ${globalLimit} batches a minute from all clients together, retry in ${all.retryAfter} s`,
      };
    const full = await capped(surveys);
    if (full)
      return {
        retryAfter: full.retryAfter,
        error: `survey: "${full.survey}" has its ${full.cap} answers for today (CANDOR_SURVEY_DAILY_CAP), retry after 00:00 UTC`,
      };
    return undefined;
  };
}
