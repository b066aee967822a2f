import type { Handler } from 'hono';
import type { Category } from '../../../../src/lib/category.js';
import { readRange } from '../../dates.js';
import { roleOf } from '../../readAuth.js';
import type { Storage } from '../../storage/types.js';
import { rangeFor } from '../viewer.js';
import { themesOf } from './themes.js';

/** Comments a themes request reads at most: the latest of the range (bounds the time of every request). */
export const THEMES_CORPUS = 5000;
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
    const comments = await storage.themeComments(survey, from, to, THEMES_CORPUS);
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
