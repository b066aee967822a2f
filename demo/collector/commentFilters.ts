import type { Category } from '../../src/lib/category.js';
import { readRange } from './dates.js';
import { keysSaid, LISTED_KEYS, segmentKeyOf } from './insights/groupBy.js';
import { termsOf } from './insights/themes/tokens.js';
import type { AnswerFilter } from './storage/commentSearch.js';
import type { Storage } from './storage/types.js';

const CATEGORIES: readonly Category[] = ['detractor', 'passive', 'promoter'];
/** The longest text searched for, segment value or theme term accepted. */
export const MAX_FILTER_LENGTH = 200;
/** Terms a theme filter may name at most (a theme gathers a few). */
export const MAX_THEME_TERMS = 50;
/** A theme's term as `/themes` gives it in `keys`: a language, then stems ("en:deliveri slow"). */
const THEME_KEY = /^[a-z]{2,8}:[^\n]{1,200}$/u;

/** The filters of a comment list or a CSV export, read from the query. */
export interface Filters extends AnswerFilter {
  /** Given only when `from` or `to` was (the comment list reads any date without). */
  range?: { from: string; to: string } | undefined;
  /** Keeps a comment by its text (`q`, `theme`); undefined when neither was given. */
  match?: ((comment: string, locale: string) => boolean) | undefined;
}

/** Text compared without case or width ("Über" finds "über", "ＡＢＣ" finds "abc", "STRASSE" finds "Straße"). */
const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase('und').replace(/ß/g, 'ss');

/** The test of a comment's text: it holds `q` (if given) and one of the theme's terms (if given). */
function matcherOf(q: string | undefined, theme: readonly string[]): Filters['match'] {
  if (q === undefined && theme.length === 0) return undefined;
  const words = q === undefined ? undefined : fold(q);
  const keys = new Set(theme);
  return (comment, locale) => {
    if (words !== undefined && !fold(comment).includes(words)) return false;
    if (keys.size === 0) return true;
    for (const key of termsOf(comment, locale).keys()) if (keys.has(key)) return true;
    return false;
  };
}

/**
 * The filters of `query` for `survey`'s comments or CSV: `from`/`to` (UTC days), `category`
 * (detractor, passive or promoter), `q` (text the comment holds, any case), `theme` (repeated: the
 * `keys` of a theme from `/themes`; a comment using one of them), and one `segment.<key>=<value>`
 * (a key the survey's answers have carried). One sentence naming the first bad one otherwise.
 */
export async function filtersOf(
  storage: Storage,
  survey: string,
  query: Record<string, string>,
  themeKeys: readonly string[],
  now: number,
): Promise<Filters | { error: string }> {
  let range: Filters['range'];
  if (query.from !== undefined || query.to !== undefined) {
    const read = readRange(query, now);
    if ('error' in read) return read;
    range = read;
  }
  const category = query.category as Category | undefined;
  if (category !== undefined && !CATEGORIES.includes(category))
    return { error: `category: expected detractor, passive or promoter, got ${JSON.stringify(category)}` };
  const q = query.q?.trim() || undefined;
  if (q !== undefined && q.length > MAX_FILTER_LENGTH)
    return { error: `q: expected at most ${MAX_FILTER_LENGTH} characters, got ${q.length}` };
  if (themeKeys.length > MAX_THEME_TERMS)
    return { error: `theme: expected at most ${MAX_THEME_TERMS} terms, got ${themeKeys.length}` };
  const badKey = themeKeys.find((key) => !THEME_KEY.test(key));
  if (badKey !== undefined)
    return {
      error: `theme: expected a theme's keys as /themes gives them ("en:deliveri"), got ${JSON.stringify(badKey.slice(0, 40))}`,
    };

  const segments = Object.keys(query).filter((name) => name.startsWith('segment.'));
  let segment: Filters['segment'];
  if (segments.length > 1) return { error: `segment: one segment filter at a time, got ${segments.join(', ')}` };
  if (segments.length === 1) {
    const name = segments[0]!;
    const key = segmentKeyOf(name);
    if (key === undefined || !(await storage.hasSegmentKey(survey, key))) {
      const listed = await storage.segmentKeys(survey, LISTED_KEYS + 1);
      return { error: `${name.slice(0, 40)}: unknown segment key (${keysSaid(listed)})` };
    }
    const value = query[name]!;
    if (value.length === 0 || value.length > MAX_FILTER_LENGTH)
      return { error: `${name}: expected a value of 1 to ${MAX_FILTER_LENGTH} characters` };
    segment = { key, value };
  }
  return { range, category, segment, match: matcherOf(q, themeKeys) };
}
