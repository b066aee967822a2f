import type pg from 'pg';
import { instantsOf } from '../dates.js';
import type { GroupBy, GroupCell, NpsResponse, ThemeComment } from './types.js';

/**
 * The insights' part of the PostgreSQL schema (run in the schema's transaction, under its lock).
 * The answers' index `responses_survey_at_groups` (in postgres.ts's schema, before the others, so an
 * empty table's plans keep to it) covers every column a summary or a breakdown by page, device or
 * locale reads (an index-only scan once vacuumed); it replaces the older `responses_survey_at
 * (survey, at) INCLUDE (score)`, dropped here. `segment_keys` holds each survey's segment keys, added at insert; when it is made, it
 * is filled from the answers already stored.
 */
export const POSTGRES_INSIGHTS_SCHEMA = `
DROP INDEX IF EXISTS responses_survey_at;
DO $$ BEGIN
  IF to_regclass('segment_keys') IS NULL THEN
    CREATE TABLE segment_keys (survey text NOT NULL, key text NOT NULL, PRIMARY KEY (survey, key));
    INSERT INTO segment_keys (survey, key)
      SELECT DISTINCT survey, jsonb_object_keys(segment) FROM responses WHERE segment IS NOT NULL;
  END IF;
END $$;`;

/** Every survey with an answer: from one survey to the next in the index (a loose index scan). */
export const POSTGRES_SURVEYS_SQL = `WITH RECURSIVE s(survey) AS (
  SELECT min(survey) FROM responses
  UNION ALL SELECT (SELECT min(survey) FROM responses WHERE survey > s.survey) FROM s WHERE s.survey IS NOT NULL
) SELECT survey FROM s WHERE survey IS NOT NULL`;

/** The breakdown query for `by` (exported so a test can check its plan); a segment key is a parameter. */
export const postgresGroupsSql = (by: GroupBy): string =>
  by.startsWith('segment.')
    ? `SELECT segment->>$4 AS value, score, count(*)::int AS count
       FROM responses WHERE survey = $1 AND at >= $2 AND at < $3 GROUP BY 1, 2`
    : `SELECT ${by} AS value, score, count(*)::int AS count
       FROM responses WHERE survey = $1 AND at >= $2 AND at < $3 GROUP BY 1, 2`;

/** The themes' corpus: a range of the comments' partial index (survey, at), newest first. */
export const POSTGRES_THEME_COMMENTS_SQL = `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at,
  score, comment, locale FROM responses
  WHERE survey = $1 AND at >= $2 AND at < $3 AND comment IS NOT NULL
  ORDER BY responses.at DESC, responses.id DESC LIMIT $4`;

/** Notes the segment keys of rows being stored, in the insert's transaction (one statement, none without keys). */
export async function noteKeys(client: pg.PoolClient, rows: readonly NpsResponse[]): Promise<void> {
  const pairs = new Set(
    rows.flatMap((r) => Object.keys(r.segment ?? {}).map((key) => JSON.stringify([r.survey, key]))),
  );
  if (pairs.size === 0) return;
  const [surveys, keys] = [[], []] as [string[], string[]];
  for (const pair of [...pairs].sort()) {
    const [survey, key] = JSON.parse(pair) as [string, string];
    surveys.push(survey);
    keys.push(key);
  }
  // Sorted, so two batches lock the same keys in the same order.
  await client.query(
    'INSERT INTO segment_keys (survey, key) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
    [surveys, keys],
  );
}

/** The insights' reads on `pool`. */
export function postgresInsights(pool: pg.Pool) {
  return {
    async surveys(): Promise<string[]> {
      return (await pool.query<{ survey: string }>(POSTGRES_SURVEYS_SQL)).rows.map((r) => r.survey);
    },
    async segmentKeys(survey: string, limit: number): Promise<string[]> {
      const { rows } = await pool.query<{ key: string }>(
        'SELECT key FROM segment_keys WHERE survey = $1 ORDER BY key COLLATE "C" LIMIT $2',
        [survey, limit],
      );
      return rows.map((r) => r.key);
    },
    async hasSegmentKey(survey: string, key: string): Promise<boolean> {
      const { rowCount } = await pool.query('SELECT 1 FROM segment_keys WHERE survey = $1 AND key = $2', [survey, key]);
      return (rowCount ?? 0) > 0;
    },
    async themeComments(survey: string, from: string, to: string, limit: number): Promise<ThemeComment[]> {
      return (await pool.query<ThemeComment>(POSTGRES_THEME_COMMENTS_SQL, [survey, ...instantsOf(from, to), limit]))
        .rows;
    },
    async groups(survey: string, from: string, to: string, by: GroupBy): Promise<GroupCell[]> {
      const params = [survey, ...instantsOf(from, to), ...(by.startsWith('segment.') ? [by.slice(8)] : [])];
      return (await pool.query<GroupCell>(postgresGroupsSql(by), params)).rows;
    },
  };
}
