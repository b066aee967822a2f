import pg from 'pg';
import { dayOf, instantsOf } from '../dates.js';
import type { DbRow } from './columns.js';
import { idsOf, INSERT, paramsOf } from './postgresInsert.js';
import { insertResult } from './insertResult.js';
import { keysetPages } from './keysetPages.js';
import { ALL_TIME, filterSql, findComments, type Dialect, type SearchRow } from './commentSearch.js';
import {
  POSTGRES_CONTACTS_SCHEMA,
  contactOf,
  deleteContact,
  deleteExpiredContacts,
  insertContacts,
  markContacts,
  repliesOf,
} from './postgresContacts.js';
import { deleteTombstones, lockIds, POSTGRES_TOMBSTONES_SCHEMA } from './postgresTombstones.js';
import { noteKeys, POSTGRES_INSIGHTS_SCHEMA, postgresInsights } from './postgresInsights.js';
import { postgresTransaction } from './postgresTransaction.js';
import { postgresWithdraw } from './postgresWithdraw.js';
import type { StorageOptions } from './hooks.js';
import { POSTGRES_HOOKS_SCHEMA, postgresHooks } from './postgresHooks.js';
import { summarize, type Cell } from './summarize.js';
import { PAGE_SIZE, StorageOpenError, type Storage } from './types.js';

// Several collectors may share one database (docs/collector.md, "When one machine is not enough"), so the
// schema is created under an advisory lock: two starting at once would
// otherwise race on CREATE TABLE IF NOT EXISTS.
const SCHEMA = `
-- A first start after an upgrade may build an index or fill a table on a large database: not held to
-- the request-sized timeouts, and a second instance starting at once waits for the first's lock.
SET LOCAL statement_timeout = 0;
SET LOCAL lock_timeout = '10min';
SELECT pg_advisory_xact_lock(hashtext('candor-nps schema'));
CREATE TABLE IF NOT EXISTS responses (
  id uuid PRIMARY KEY,
  survey text NOT NULL,
  at timestamptz NOT NULL,
  score smallint NOT NULL,
  category text NOT NULL,
  comment text,
  locale text NOT NULL,
  page text NOT NULL,
  device text NOT NULL,
  consent_version text NOT NULL,
  segment jsonb,
  sdk text NOT NULL,
  received_on date NOT NULL
);
-- The SHA-256 of an answer's deletion secret, when the device can withdraw it (added later: ALTER for older tables).
ALTER TABLE responses ADD COLUMN IF NOT EXISTS proof text;
-- The summary's and the breakdowns' covering index (postgresInsights.ts drops the older one it replaces).
CREATE INDEX IF NOT EXISTS responses_survey_at_groups ON responses (survey, at) INCLUDE (score, device, locale, page);
CREATE INDEX IF NOT EXISTS responses_comments ON responses (survey, at) WHERE comment IS NOT NULL;
CREATE INDEX IF NOT EXISTS responses_received_on ON responses (received_on);
-- The daily cap counts one survey's rows of one day: one range of this index (index-only once vacuumed).
-- received_on first: the summary (one survey, a range of at) keeps to responses_survey_at.
CREATE INDEX IF NOT EXISTS responses_received_on_survey ON responses (received_on, survey);
${POSTGRES_CONTACTS_SCHEMA}
${POSTGRES_TOMBSTONES_SCHEMA}
${POSTGRES_INSIGHTS_SCHEMA}
${POSTGRES_HOOKS_SCHEMA}`;

// Days and instants are formatted in SQL, in UTC, whatever the session's
// TimeZone: a JavaScript Date would bring the local zone back in.
const AT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const SELECT = `SELECT id::text AS id, survey, ${AT} AS at, score, category, comment, locale, page, device,
  consent_version, segment::text AS segment, sdk FROM responses`;

/** Filters as PostgreSQL writes them: `$n` placeholders, a segment key read with `->>`. */
const POSTGRES: Dialect = { param: (i) => `$${i}`, segment: (key) => `segment ->> ${key}::text`, key: (key) => key };
/** The smallest uuid: where a page of the CSV starts. */
const NIL = '00000000-0000-0000-0000-000000000000';

/** The summary query (exported so a test can check its plan uses the index). */
export const POSTGRES_SUMMARY_SQL = `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, score, count(*)::int AS count
  FROM responses WHERE survey = $1 AND at >= $2 AND at < $3 GROUP BY 1, 2`;

/** The daily cap's count (exported so a test can check its plan uses the index). */
export const POSTGRES_COUNT_RECEIVED_SQL =
  'SELECT count(*)::int AS n FROM responses WHERE survey = $1 AND received_on = $2::date';

/** How long a statement waits for a lock before PostgreSQL gives up (55P03, answered 503). */
export const LOCK_TIMEOUT_MS = 3000;
/** How long a statement may run before PostgreSQL cancels it (57014, answered 503). */
export const STATEMENT_TIMEOUT_MS = 8000;

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL is not a valid URL)';
  }
}

/**
 * Connects to PostgreSQL at `url` (DATABASE_URL) and creates the table and
 * indexes if missing. An unreachable or refusing server throws `StorageOpenError`.
 */
export async function openPostgres(url: string, options: StorageOptions = {}): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    // A table someone holds locked, or a query that runs away, must become a 503 the widget retries,
    // not a request (and a pooled connection) waiting for ever: both end well inside the request timeout.
    lock_timeout: LOCK_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
  });
  // An idle client losing its connection must not crash the process; the
  // next query gets a fresh one, and a failing insert answers 503.
  pool.on('error', (error) => console.error(`PostgreSQL: ${error.message}`));
  try {
    const client = await pool.connect();
    try {
      await client.query(`BEGIN; ${SCHEMA} COMMIT;`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StorageOpenError(`Cannot use PostgreSQL at ${safeUrl(url)}: ${(error as Error).message}`);
  }
  return postgresStorage(pool, options);
}

/** Thrown by `dryRun`'s work to roll its transaction back. */
const ROLLBACK = new Error('dry run');

function postgresStorage(pool: pg.Pool, options: StorageOptions): Storage {
  let closed = false;
  const insights = postgresInsights(pool);
  return {
    hooks: postgresHooks(pool),
    surveys: insights.surveys,
    groups: insights.groups,
    segmentKeys: insights.segmentKeys,
    hasSegmentKey: insights.hasSegmentKey,
    themeComments: insights.themeComments,
    insert(rows, receivedAt = new Date(), contacts = [], once = {}) {
      return postgresTransaction(pool, async (client) => {
        await lockIds(client, idsOf(rows, contacts), 'shared');
        const answers = rows.length
          ? (
              await client.query<{ stored: number; resent: number }>(
                INSERT,
                paramsOf(rows, receivedAt, Boolean(options.alerts) && once.alerts !== false),
              )
            ).rows[0]!
          : { stored: 0, resent: 0 };
        await noteKeys(client, rows);
        const kept = contacts.length ? await insertContacts(client, contacts, receivedAt) : { stored: 0, resent: 0 };
        return insertResult({ came: rows.length, ...answers }, { came: contacts.length, ...kept });
      });
    },
    async dryRun(rows, receivedAt = new Date()) {
      if (rows.length === 0) return;
      try {
        await postgresTransaction(pool, async (client) => {
          await client.query(INSERT, paramsOf(rows, receivedAt));
          throw ROLLBACK;
        });
      } catch (error) {
        if (error !== ROLLBACK) throw error;
      }
    },
    async summary(survey, from, to) {
      const { rows } = await pool.query<Cell>(POSTGRES_SUMMARY_SQL, [survey, ...instantsOf(from, to)]);
      return summarize(survey, from, to, rows);
    },
    async *rows(survey, from, to, filter = {}) {
      const [start, end] = instantsOf(from, to);
      const where = filterSql(filter, POSTGRES, 6);
      yield* keysetPages(
        async (after) =>
          (
            await pool.query<DbRow>(
              `${SELECT} WHERE survey = $1 AND at >= $2 AND at < $3 AND (at, id) > ($4, $5::uuid)${where.sql}
               ORDER BY responses.at, responses.id LIMIT ${PAGE_SIZE}`,
              [survey, start, end, ...(after ?? ['0001-01-01T00:00:00Z', NIL]), ...where.values],
            )
          ).rows,
      );
    },
    async comments(survey, search, n, now = new Date()) {
      const [start, end] = search.range ? instantsOf(search.range.from, search.range.to) : ALL_TIME;
      const found = await findComments(
        async (after, size) =>
          (
            await pool.query<SearchRow>(
              `SELECT id::text AS id, ${AT} AS at, score, category, comment, locale, page, segment::text AS segment
               FROM responses WHERE survey = $1 AND comment IS NOT NULL AND at >= $2 AND at < $3
                 AND at <= $4 AND (at, id) < ($4, $5::uuid)
               ORDER BY responses.at DESC, responses.id DESC LIMIT $6`,
              [survey, start, end, ...after, size],
            )
          ).rows,
        search,
        n,
        PAGE_SIZE,
      );
      return { ...found, comments: await markContacts(pool, found.comments, now) };
    },
    replies: (survey, n, now) => repliesOf(pool, survey, n, now),
    contact: (id, now) => contactOf(pool, id, now),
    deleteContact: (id, now = new Date()) => postgresTransaction(pool, (client) => deleteContact(client, id, now)),
    // Run by the retention job: not held to the request-sized timeout either.
    deleteExpiredContacts: (now) => postgresTransaction(pool, (client) => deleteExpiredContacts(client, now), true),
    deleteOlderThan(date) {
      // The retention job may delete a year's rows at once: it is not held to the request-sized timeout.
      return postgresTransaction(
        pool,
        async (client) =>
          (await client.query('DELETE FROM responses WHERE received_on < $1::date', [dayOf(date)])).rowCount ?? 0,
        true,
      );
    },
    withdraw: (id, proof, now = new Date()) =>
      postgresTransaction(pool, (client) => postgresWithdraw(client, id, proof, now)),
    // Run by the retention job: not held to the request-sized timeout either.
    deleteTombstones: (date) => postgresTransaction(pool, (client) => deleteTombstones(client, date), true),
    async countReceived(survey, day) {
      const { rows } = await pool.query<{ n: number }>(POSTGRES_COUNT_RECEIVED_SQL, [survey, day]);
      return rows[0]!.n;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
