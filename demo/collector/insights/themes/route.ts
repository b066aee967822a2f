import type { Handler } from 'hono';
import type { Category } from '../../../../src/lib/category.js';
import { addDays, readRange } from '../../dates.js';
import { roleOf } from '../../readAuth.js';
import type { Storage, ThemeComment } from '../../storage/types.js';
import { rangeFor } from '../viewer.js';
import { mondayOf } from '../weeks.js';
import { themesOf } from './themes.js';

/** Comments newest first, without those of the oldest one's ISO week (which may be cut). */
export function wholeWeeks(comments: readonly ThemeComment[]): ThemeComment[] {
  const cut = `${addDays(mondayOf(comments.at(-1)!.at.slice(0, 10)), 7)}T00:00:00Z`;
  return comments.filter((c) => c.at >= cut);
}

/** Comments a themes request reads at most: the latest of the range (bounds the time of every request). */
export const THEMES_CORPUS = 5000;

/** The comments themes are read from: the latest `THEMES_CORPUS` of the range, cut at a week for a viewer. */
export async function themeCorpus(
  storage: Storage,
  survey: string,
  from: string,
  to: string,
  viewer: boolean,
): Promise<ThemeComment[]> {
  const comments = await storage.themeComments(survey, from, to, THEMES_CORPUS);
  // A corpus cut at `THEMES_CORPUS` starts at some answer, not at a week: one more answer would push
  // the oldest out, and a theme's counts would then tell that answer's words. For a viewer the cut
  // is moved to a week: the comments of the oldest, partial week are left out.
  return viewer && comments.length === THEMES_CORPUS ? wholeWeeks(comments) : comments;
}
const CATEGORIES: readonly Category[] = ['detractor', 'passive', 'promoter'];

/**
 * `GET /:survey/themes?category&from&to`: what sets the category's comments apart from the others',
 * computed on request over the latest `THEMES_CORPUS` comments of the range (insights/themes/). The
 * admin gets up to three example comments per theme; a viewer's range is whole weeks and has none.
 */
export const themesRoute =
  (storage: Storage, now: () => number, minGroup: number): Handler =>
  async (c) => {
    const category = c.req.query('category') as Category | undefined;
    if (!category || !CATEGORIES.includes(category))
      return c.json(
        { error: `category: expected detractor, passive or promoter, got ${JSON.stringify(c.req.query('category'))}` },
        400,
      );
    const asked = readRange(c.req.query(), now());
    if ('error' in asked) return c.json({ error: asked.error }, 400);
    const role = roleOf(c);
    const { from, to } = rangeFor(role, asked);
    const survey = c.req.param('survey')!;
    const comments = await themeCorpus(storage, survey, from, to, role === 'viewer');
    return c.json({
      survey,
      from,
      to,
      category,
      minGroup,
      // The comments read: all of the range's unless `limit` of them were (then the latest).
      corpus: { comments: comments.length, limit: THEMES_CORPUS },
      themes: themesOf(comments, category, minGroup, role === 'admin'),
    });
  };
