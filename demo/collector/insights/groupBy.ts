import type { GroupBy } from '../storage/types.js';

const COLUMNS = ['page', 'device', 'locale'] as const;
/** Keys a 400 lists at most, so a survey with many keys still gets a short sentence. */
const LISTED_KEYS = 20;

/**
 * `by` from a breakdown's query: page, device, locale, or `segment.<key>` for a key the survey's
 * answers have carried (`keys`), else one sentence naming what is accepted.
 */
export function groupByOf(raw: string | undefined, keys: readonly string[]): GroupBy | { error: string } {
  if (raw !== undefined && (COLUMNS as readonly string[]).includes(raw)) return raw as GroupBy;
  if (raw?.startsWith('segment.') && keys.includes(raw.slice(8))) return raw as GroupBy;
  const known = keys.length
    ? ` (this survey's keys: ${keys.slice(0, LISTED_KEYS).join(', ')}${keys.length > LISTED_KEYS ? ', …' : ''})`
    : ' (no answer of this survey has a segment)';
  if (raw?.startsWith('segment.')) return { error: `by: unknown segment key ${JSON.stringify(raw.slice(8))}${known}` };
  return { error: `by: expected page, device, locale or segment.<key>${known}, got ${JSON.stringify(raw)}` };
}
