import type Database from 'better-sqlite3';
import { instantsOf } from '../dates.js';
import { segmentPath } from './commentSearch.js';
import type { GroupBy, GroupCell, NpsResponse, ThemeComment } from './types.js';

/**
 * The insights' part of the SQLite schema. The answers' index covers every column a summary or a
 * breakdown by page, device or locale reads, so neither touches the table; it replaces the older
 * `responses_survey_at (survey, at, score)`. `segment_keys` holds each survey's segment keys, added at
 * insert, so a breakdown can name an unknown key without reading the answers.
 */
export const SQLITE_INSIGHTS_SCHEMA = `
CREATE INDEX IF NOT EXISTS responses_survey_at_groups ON responses (survey, at, score, device, locale, page);
DROP INDEX IF EXISTS responses_survey_at;
CREATE TABLE IF NOT EXISTS segment_keys (
  survey TEXT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (survey, key)
) WITHOUT ROWID;
`;

/** Every survey with an answer: from one survey to the next in the index (a loose index scan). */
export const SQLITE_SURVEYS_SQL = `WITH RECURSIVE s(survey) AS (
  SELECT min(survey) FROM responses
  UNION ALL SELECT (SELECT min(survey) FROM responses WHERE survey > s.survey) FROM s WHERE s.survey IS NOT NULL
) SELECT survey FROM s WHERE survey IS NOT NULL`;

/** The breakdown query for `by` (exported so a test can check its plan); a segment key is a parameter. */
export const sqliteGroupsSql = (by: GroupBy): string =>
  `SELECT ${by.startsWith('segment.') ? 'json_extract(segment, ?)' : by} AS value, score, count(*) AS count ` +
  'FROM responses WHERE survey = ? AND at >= ? AND at < ? GROUP BY 1, 2';

/** The themes' corpus: a range of the comments' partial index (survey, at), newest first. */
export const SQLITE_THEME_COMMENTS_SQL =
  'SELECT id, at, score, comment, locale FROM responses ' +
  'WHERE survey = ? AND at >= ? AND at < ? AND comment IS NOT NULL ORDER BY at DESC, id DESC LIMIT ?';

/** Creates what is missing; a `segment_keys` table made now is filled from the answers already stored. */
export function migrateSqliteInsights(db: Database.Database): void {
  const had = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'segment_keys'").get();
  db.transaction(() => {
    db.exec(SQLITE_INSIGHTS_SCHEMA);
    if (!had)
      db.exec(`INSERT OR IGNORE INTO segment_keys (survey, key)
        SELECT DISTINCT survey, j.key FROM responses, json_each(responses.segment) AS j WHERE segment IS NOT NULL`);
  })();
}

/** The insights' statements on `db`, prepared once. */
export function sqliteInsights(db: Database.Database) {
  const surveys = db.prepare<[], { survey: string }>(SQLITE_SURVEYS_SQL);
  const addKey = db.prepare<[string, string]>('INSERT OR IGNORE INTO segment_keys (survey, key) VALUES (?, ?)');
  const keys = db.prepare<[string, number], { key: string }>(
    'SELECT key FROM segment_keys WHERE survey = ? ORDER BY key LIMIT ?',
  );
  const hasKey = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM segment_keys WHERE survey = ? AND key = ?',
  );
  const columns = new Map(
    (['page', 'device', 'locale'] as const).map((by) => [by, db.prepare<unknown[], GroupCell>(sqliteGroupsSql(by))]),
  );
  const bySegment = db.prepare<unknown[], GroupCell>(sqliteGroupsSql('segment.'));
  const themeComments = db.prepare<[string, string, string, number], ThemeComment>(SQLITE_THEME_COMMENTS_SQL);
  return {
    surveys: () => surveys.all().map((r) => r.survey),
    /** Notes the segment keys of rows being stored (inside the insert's transaction). */
    noteKeys(rows: readonly NpsResponse[]) {
      for (const r of rows) for (const key of Object.keys(r.segment ?? {})) addKey.run(r.survey, key);
    },
    segmentKeys: (survey: string, limit: number) => keys.all(survey, limit).map((r) => r.key),
    hasSegmentKey: (survey: string, key: string) => hasKey.get(survey, key) !== undefined,
    themeComments: (survey: string, from: string, to: string, limit: number) =>
      themeComments.all(survey, ...instantsOf(from, to), limit),
    groups(survey: string, from: string, to: string, by: GroupBy): GroupCell[] {
      const range = instantsOf(from, to);
      if (by.startsWith('segment.')) return bySegment.all(segmentPath(by.slice(8)), survey, ...range);
      return columns.get(by as 'page')!.all(survey, ...range);
    },
  };
}
