import type { GroupBy } from '../storage/types.js';

const COLUMNS = ['page', 'device', 'locale'] as const;
/** Keys a 400 lists at most, so a survey with many keys still gets a short sentence. */
export const LISTED_KEYS = 20;
/** A segment key as the wire format allows it. */
const SEGMENT_KEY = /^[a-zA-Z]\w{0,31}$/;

/** The segment key a `by` names, if it names one the wire format allows ("segment.plan" → "plan"). */
export const segmentKeyOf = (raw: string | undefined): string | undefined =>
  raw?.startsWith('segment.') && SEGMENT_KEY.test(raw.slice(8)) ? raw.slice(8) : undefined;

/** "this survey's keys: plan, region, …" for a 400 (`listed`: up to `LISTED_KEYS` + 1), or that it has none. */
export const keysSaid = (listed: readonly string[]): string =>
  listed.length
    ? `this survey's keys: ${listed.slice(0, LISTED_KEYS).join(', ')}${listed.length > LISTED_KEYS ? ', …' : ''}`
    : 'no answer of this survey has a segment';

/**
 * `by` from a breakdown's query: page, device, locale, or `segment.<key>` for a key the survey's
 * answers have carried (`known`), else one sentence naming what is accepted, with the survey's first
 * keys (`listed`: up to `LISTED_KEYS` + 1, the extra one only saying there are more).
 */
export function groupByOf(
  raw: string | undefined,
  known: boolean,
  listed: readonly string[],
): GroupBy | { error: string } {
  if (raw !== undefined && (COLUMNS as readonly string[]).includes(raw)) return raw as GroupBy;
  if (known && segmentKeyOf(raw) !== undefined) return raw as GroupBy;
  const keys = ` (${keysSaid(listed)})`;
  if (raw?.startsWith('segment.')) return { error: `by: unknown segment key ${JSON.stringify(raw.slice(8))}${keys}` };
  return { error: `by: expected page, device, locale or segment.<key>${keys}, got ${JSON.stringify(raw)}` };
}
