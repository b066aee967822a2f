import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { CSV_HEADER, csvLine, csvRow } from './csv.js';
import { readRange } from './dates.js';
import { createLog, type Logger } from './log.js';
import type { Storage } from './storage/types.js';
import { summaryWithInsights } from './insights/summaryInsights.js';
import { DEFAULT_MIN_GROUP } from './insights/suppress.js';
import { forViewer, rangeFor } from './insights/viewer.js';
import { breakdownOf } from './insights/breakdown.js';
import { groupByOf, LISTED_KEYS, segmentKeyOf } from './insights/groupBy.js';
import { overviewOf } from './insights/overview.js';
import { THEMES_CORPUS, themesRoute } from './insights/themes/route.js';
import { adminOnly, roleOf } from './readAuth.js';
import { filtersOf } from './commentFilters.js';

const SURVEY = /^[a-z0-9_-]{1,64}$/;
/** Comments the comments endpoint returns without `limit`, and at most. */
export const DEFAULT_COMMENTS = 20;
export const MAX_COMMENTS = 100;
/** Segment keys a summary lists at most (`segments`: the keys a breakdown may group by). */
export const SUMMARY_KEYS = 50;

/** `limit` from a query: none for the default, a number from 1 to `MAX_COMMENTS`, or an error sentence. */
function limitOf(raw: string | undefined): number | { error: string } {
  const limit = raw === undefined ? DEFAULT_COMMENTS : Number(raw);
  if (Number.isInteger(limit) && limit >= 1 && limit <= MAX_COMMENTS) return limit;
  return { error: `limit: expected a whole number from 1 to ${MAX_COMMENTS}, got ${JSON.stringify(raw)}` };
}

/**
 * The read API, mounted under /v1/surveys behind `readAuth`: `/` (every survey's NPS, interval and
 * trend: insights/overview.ts), `/:survey/breakdown?by` (insights/breakdown.ts),
 * `/:survey/summary` (with its interval, the previous period and the trend: insights/summaryInsights.ts), `/:survey/responses.csv` (from, to: UTC days, both
 * included, default the last 30 days), `/:survey/comments?limit` and
 * `/:survey/replies?limit` (answers whose author asked for a reply). The
 * comments and replies name a contact by its id; no read here ever holds an
 * address (`GET /v1/contacts/:id` does, one at a time).
 */
export function reads(
  storage: Storage,
  now: () => number,
  log: Logger = createLog('silent'),
  minGroup = DEFAULT_MIN_GROUP,
): Hono {
  const app = new Hono();

  app.use('/:survey/*', async (c, next) => {
    const survey = c.req.param('survey');
    if (!SURVEY.test(survey))
      return c.json({ error: `survey: expected 1–64 characters a-z, 0-9, _ or -, got ${JSON.stringify(survey)}` }, 400);
    // Answers and comments are not for shared caches or the back button of a shared computer.
    c.header('Cache-Control', 'no-store');
    return next();
  });

  // Answers one by one: the admin's alone.
  for (const path of ['/:survey/responses.csv', '/:survey/comments', '/:survey/replies']) app.use(path, adminOnly);

  app.get('/', async (c) => {
    const asked = readRange(c.req.query(), now());
    if ('error' in asked) return c.json({ error: asked.error }, 400);
    const role = roleOf(c);
    const { from, to } = rangeFor(role, asked);
    return c.json(await overviewOf(storage, from, to, minGroup, role === 'viewer'));
  });

  app.get('/:survey/breakdown', async (c) => {
    const asked = readRange(c.req.query(), now());
    if ('error' in asked) return c.json({ error: asked.error }, 400);
    const survey = c.req.param('survey');
    const raw = c.req.query('by');
    const key = segmentKeyOf(raw);
    // One index lookup for the key asked; the list only for the 400's sentence.
    const known = key !== undefined && (await storage.hasSegmentKey(survey, key));
    const by = groupByOf(raw, known, known ? [] : await storage.segmentKeys(survey, LISTED_KEYS + 1));
    if (typeof by !== 'string') return c.json(by, 400);
    const { from, to } = rangeFor(roleOf(c), asked);
    return c.json(breakdownOf({ survey, from, to, by }, await storage.groups(survey, from, to, by), minGroup));
  });

  app.get('/:survey/themes', themesRoute(storage, now, minGroup));

  app.get('/:survey/summary', async (c) => {
    const asked = readRange(c.req.query(), now());
    if ('error' in asked) return c.json({ error: asked.error }, 400);
    const role = roleOf(c);
    const { from, to } = rangeFor(role, asked);
    const survey = c.req.param('survey');
    const [summary, segments] = await Promise.all([
      summaryWithInsights(storage, survey, from, to, minGroup),
      storage.segmentKeys(survey, SUMMARY_KEYS),
    ]);
    // `segments`: the keys a breakdown may group by (`by=segment.<key>`); `role`: what the token may read.
    return c.json({ ...(role === 'admin' ? summary : forViewer(summary)), segments, role });
  });

  app.get('/:survey/responses.csv', async (c) => {
    const range = readRange(c.req.query(), now());
    if ('error' in range) return c.json({ error: range.error }, 400);
    const survey = c.req.param('survey');
    // The comment list's filters, so the export holds what the list shows (and the answers without a
    // comment too, unless a text or a theme is asked for).
    const filters = await filtersOf(storage, survey, c.req.query(), c.req.queries('theme') ?? [], now());
    if ('error' in filters) return c.json({ error: filters.error }, 400);
    const { match } = filters;
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${survey}_${range.from}_${range.to}.csv"`);
    // Streamed page by page: an export of any size holds one page in memory.
    return stream(
      c,
      async (out) => {
        // The BOM makes spreadsheets read the comments as UTF-8 rather than the system code page.
        await out.write(`\uFEFF${csvLine(CSV_HEADER)}`);
        // A text filter keeps only comments: the database leaves the others out.
        for await (const row of storage.rows(survey, range.from, range.to, { ...filters, commented: Boolean(match) }))
          if (!match || (row.comment !== undefined && match(row.comment, row.locale))) await out.write(csvRow(row));
      },
      async (error) => log.error({ err: error.message }, 'CSV export failed'),
    );
  });

  app.get('/:survey/comments', async (c) => {
    const limit = limitOf(c.req.query('limit'));
    if (typeof limit !== 'number') return c.json(limit, 400);
    const survey = c.req.param('survey');
    const filters = await filtersOf(storage, survey, c.req.query(), c.req.queries('theme') ?? [], now());
    if ('error' in filters) return c.json({ error: filters.error }, 400);
    // `scanned`: comments read (those the database's filters keep); `complete`: all of them were.
    return c.json(await storage.comments(survey, { ...filters, scan: THEMES_CORPUS }, limit, new Date(now())));
  });

  app.get('/:survey/replies', async (c) => {
    const limit = limitOf(c.req.query('limit'));
    if (typeof limit !== 'number') return c.json(limit, 400);
    return c.json({ replies: await storage.replies(c.req.param('survey'), limit, new Date(now())) });
  });

  return app;
}
