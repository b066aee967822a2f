import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a stored proof equals the one shown, in constant time: both are 64
 * lower-case hex characters (the schema and the route check that), so equal
 * lengths are the rule; a missing stored proof never matches.
 */
export function sameProof(stored: string | null, shown: string): boolean {
  if (stored === null || stored.length !== shown.length) return false;
  return timingSafeEqual(Buffer.from(stored), Buffer.from(shown));
}
