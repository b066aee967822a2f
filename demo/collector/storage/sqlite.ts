import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { dayOf, instantsOf } from '../dates.js';
import { sameProof } from './sameProof.js';
import { explain } from './sqliteOpenError.js';
import { COLUMNS, toValues } from './columns.js';
import { insertResult } from './insertResult.js';
import { sqliteSearch } from './sqliteSearch.js';
import { SQLITE_CONTACTS_SCHEMA, sqliteContacts } from './sqliteContacts.js';
import type { StorageOptions } from './hooks.js';
import { SQLITE_HOOKS_SCHEMA, sqliteHooks } from './sqliteHooks.js';
import { SQLITE_TOMBSTONES_SCHEMA, sqliteTombstones } from './sqliteTombstones.js';
import { migrateSqliteInsights, sqliteInsights } from './sqliteInsights.js';
import { summarize, type Cell } from './summarize.js';
import { StorageOpenError, type NpsContact, type NpsResponse, type Storage, type Withdrawal } from './types.js';

// `at` is stored as the wire's text ("2026-11-22T22:00:00Z"): every value has
// the same fixed format, so text order is time order and substr(at, 1, 10) is
// the UTC day. `received_on` is the UTC day the collector got the row (for
// retention), coarsened to the day so it cannot be joined with access logs.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS responses (
  id TEXT PRIMARY KEY,
  survey TEXT NOT NULL,
  at TEXT NOT NULL,
  score INTEGER NOT NULL,
  category TEXT NOT NULL,
  comment TEXT,
  locale TEXT NOT NULL,
  page TEXT NOT NULL,
  device TEXT NOT NULL,
  consent_version TEXT NOT NULL,
  segment TEXT,
  sdk TEXT NOT NULL,
  received_on TEXT NOT NULL,
  proof TEXT
);
-- The summary's and the breakdowns' covering index is in sqliteInsights.ts.
CREATE INDEX IF NOT EXISTS responses_comments ON responses (survey, at) WHERE comment IS NOT NULL;
CREATE INDEX IF NOT EXISTS responses_received_on ON responses (received_on);
-- The daily cap counts one survey's rows of one day: one range of this index, the table untouched.
-- received_on first: the summary (one survey, a range of at) keeps to responses_survey_at.
CREATE INDEX IF NOT EXISTS responses_received_on_survey ON responses (received_on, survey);
`;

/** The summary query (exported so a test can check its plan uses the index). */
export const SQLITE_SUMMARY_SQL =
  'SELECT substr(at, 1, 10) AS date, score, count(*) AS count FROM responses ' +
  'WHERE survey = ? AND at >= ? AND at < ? GROUP BY date, score';

/** The daily cap's count (exported so a test can check its plan uses the index). */
export const SQLITE_COUNT_RECEIVED_SQL = 'SELECT count(*) AS n FROM responses WHERE survey = ? AND received_on = ?';

/**
 * Opens (creating if needed) the SQLite database at `file`, in WAL mode, with
 * its directory. A corrupt, foreign or locked file throws `StorageOpenError`.
 */
export function openSqlite(file: string, options: StorageOptions = {}): SqliteStorage {
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') {
    try {
      // For its owner only: answers, comments and the admin token live here.
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new StorageOpenError(`Cannot create the data directory ${dirname(path)}: ${(error as Error).message}`);
    }
  }
  let db: Database.Database | undefined;
  try {
    // A new database file is made 0600 before SQLite opens it; SQLite gives its -wal and -shm the same mode.
    if (path !== ':memory:') closeSync(openSync(path, 'a', 0o600));
    // A short busy timeout: a locked file should fail the start, not hang it.
    db = new Database(path, { timeout: 2000 });
    // WAL: readers never block the writer. synchronous=FULL, set on every open
    // (better-sqlite3's build defaults a WAL database to NORMAL): an acknowledged
    // answer has been deleted from the device, so power loss must not lose it.
    // secure_delete: deleted rows are overwritten, not left in free pages.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.exec(SCHEMA);
    // Databases made before answers could be withdrawn: add the column (a cheap change in SQLite).
    if (!(db.pragma('table_info(responses)') as { name: string }[]).some((c) => c.name === 'proof'))
      db.exec('ALTER TABLE responses ADD COLUMN proof TEXT');
    db.exec(SQLITE_CONTACTS_SCHEMA);
    db.exec(SQLITE_TOMBSTONES_SCHEMA);
    db.exec(SQLITE_HOOKS_SCHEMA);
    migrateSqliteInsights(db);
    return sqliteStorage(db, options);
  } catch (error) {
    db?.close();
    throw new StorageOpenError(explain(path, error));
  }
}

/** The SQLite storage; `pragma` reads a setting of its own connection (for tests and diagnostics). */
export type SqliteStorage = Storage & { pragma(name: string): unknown };

function sqliteStorage(db: Database.Database, options: StorageOptions): SqliteStorage {
  // Prepared once at open: a table of another shape fails here, not on first use.
  const insertOne = db.prepare(
    `INSERT INTO responses (${COLUMNS}, received_on, proof) VALUES (${Array(14).fill('?').join(', ')}) ON CONFLICT (id) DO NOTHING`,
  );
  const tombstones = sqliteTombstones(db);
  const contacts = sqliteContacts(db, tombstones);
  const insights = sqliteInsights(db);
  const hooks = sqliteHooks(db);
  const search = sqliteSearch(db);
  // Throwing out of a better-sqlite3 transaction rolls it back: a contact without its answer stores nothing.
  // The tombstones are read in the same transaction, and the process has one connection that runs each
  // transaction to its end: a withdrawal cannot slip between the check and the insert.
  const insertAll = db.transaction(
    (rows: readonly NpsResponse[], receivedAt: Date, withContacts: readonly NpsContact[] = [], alerts = false) => {
      let stored = 0;
      let resent = 0;
      for (const r of rows) {
        if (tombstones.answer(r.id, r.proof)) resent++;
        else if (insertOne.run(...toValues(r, dayOf(receivedAt))).changes) {
          stored++;
          // In the answer's transaction: stored means its alert is queued.
          if (alerts && r.category === 'detractor') hooks.alert(r.id, receivedAt.getTime());
        }
      }
      insights.noteKeys(rows);
      const kept = contacts.insert(withContacts, receivedAt);
      return insertResult(
        { came: rows.length, stored, resent },
        { came: withContacts.length, stored: kept.stored, resent: kept.resent },
      );
    },
  );
  const rollback = new Error('dry run');
  const rehearse = db.transaction((rows: readonly NpsResponse[], receivedAt: Date) => {
    insertAll(rows, receivedAt);
    throw rollback;
  });
  const summary = db.prepare<[string, string, string], Cell>(SQLITE_SUMMARY_SQL);
  const deleteBefore = db.prepare<[string]>('DELETE FROM responses WHERE received_on < ?');
  const proofFor = db.prepare<[string], { proof: string | null }>('SELECT proof FROM responses WHERE id = ?');
  const deleteOne = db.prepare<[string]>('DELETE FROM responses WHERE id = ?');
  const withdrawOne = db.transaction((id: string, proof: string, now: Date): Withdrawal => {
    const row = proofFor.get(id);
    if (row && !sameProof(row.proof, proof)) return { outcome: 'refused', contact: false };
    // Unknown (not arrived yet, or withdrawn already) or deleted now: either way this proof's copy stays out.
    tombstones.add('answer', id, proof, now);
    if (!row) return { outcome: 'unknown', contact: false };
    deleteOne.run(id);
    hooks.forget(id);
    const contact = contacts.deleteForAnswer(id);
    if (contact) tombstones.add('contact', contact, '', now);
    return { outcome: 'deleted', contact: contact !== undefined };
  });
  const countReceived = db.prepare<[string, string], { n: number }>(SQLITE_COUNT_RECEIVED_SQL);

  return {
    hooks,
    async insert(rows, receivedAt = new Date(), withContacts = [], once = {}) {
      return insertAll(rows, receivedAt, withContacts, Boolean(options.alerts) && once.alerts !== false);
    },
    async dryRun(rows, receivedAt = new Date()) {
      try {
        rehearse(rows, receivedAt);
      } catch (error) {
        if (error !== rollback) throw error;
      }
    },
    async summary(survey, from, to) {
      return summarize(survey, from, to, summary.all(survey, ...instantsOf(from, to)));
    },
    async surveys() {
      return insights.surveys();
    },
    async groups(survey, from, to, by) {
      return insights.groups(survey, from, to, by);
    },
    async segmentKeys(survey, limit) {
      return insights.segmentKeys(survey, limit);
    },
    async hasSegmentKey(survey, key) {
      return insights.hasSegmentKey(survey, key);
    },
    async themeComments(survey, from, to, limit) {
      return insights.themeComments(survey, from, to, limit);
    },
    rows: search.rows,
    async comments(survey, found, n, now = new Date()) {
      const result = await search.comments(survey, found, n);
      return { ...result, comments: contacts.mark(result.comments, now) };
    },
    async replies(survey, n, now) {
      return contacts.replies(survey, n, now);
    },
    async contact(id, now) {
      return contacts.get(id, now);
    },
    async deleteContact(id, now = new Date()) {
      return contacts.delete(id, now);
    },
    async deleteExpiredContacts(now) {
      return contacts.deleteExpired(now);
    },
    async deleteOlderThan(date) {
      const deleted = deleteBefore.run(dayOf(date)).changes;
      // The WAL still holds the pages as they were before: copy them back and empty it,
      // so a deleted comment is in neither file.
      if (deleted) db.pragma('wal_checkpoint(TRUNCATE)');
      return deleted;
    },
    async deleteTombstones(date) {
      return tombstones.deleteBefore(date);
    },
    async countReceived(survey, day) {
      return countReceived.get(survey, day)!.n;
    },
    async withdraw(id, proof, now = new Date()) {
      const withdrawal = withdrawOne(id, proof, now);
      // As after retention: the withdrawn answer's bytes (and its contact's) leave the WAL too.
      if (withdrawal.outcome === 'deleted') db.pragma('wal_checkpoint(TRUNCATE)');
      return withdrawal;
    },
    pragma: (name) => db.pragma(name, { simple: true }),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
