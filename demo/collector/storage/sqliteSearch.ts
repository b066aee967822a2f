import type Database from 'better-sqlite3';
import { instantsOf } from '../dates.js';
import { COLUMNS, type DbRow } from './columns.js';
import {
  ALL_TIME,
  filterSql,
  findComments,
  segmentPath,
  type AnswerFilter,
  type CommentSearch,
  type Dialect,
  type SearchRow,
} from './commentSearch.js';
import { keysetPages } from './keysetPages.js';
import { PAGE_SIZE } from './types.js';

/** Filters as SQLite writes them: `?` placeholders, a segment key read by its JSON path. */
const SQLITE: Dialect = { param: () => '?', segment: (key) => `json_extract(segment, ${key})`, key: segmentPath };

/** The CSV's rows and the comment search on `db` (storage/commentSearch.ts); contacts are marked by the caller. */
export function sqliteSearch(db: Database.Database) {
  // The comments' partial index (survey, at), newest first; `at <= ?` bounds the range scan at the
  // cursor, the row value then skips the ties already read.
  const searchPage = db.prepare<[string, string, string, string, string, string, number], SearchRow>(
    'SELECT id, at, score, category, comment, locale, page, segment FROM responses ' +
      'WHERE survey = ? AND comment IS NOT NULL AND at >= ? AND at < ? AND at <= ? AND (at, id) < (?, ?) ' +
      'ORDER BY at DESC, id DESC LIMIT ?',
  );
  // Statements whose text depends on a filter: prepared once per shape.
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql)!;
  return {
    async *rows(survey: string, from: string, to: string, filter: AnswerFilter = {}) {
      const [start, end] = instantsOf(from, to);
      const where = filterSql(filter, SQLITE, 6);
      const page = statement(
        `SELECT ${COLUMNS} FROM responses WHERE survey = ? AND at >= ? AND at < ? AND (at, id) > (?, ?)${where.sql} ` +
          `ORDER BY at, id LIMIT ${PAGE_SIZE}`,
      );
      // Each page read at once (keysetPages): better-sqlite3 refuses other statements while an iterator is open.
      yield* keysetPages((after) => page.all(survey, start, end, ...(after ?? ['', '']), ...where.values) as DbRow[]);
    },
    comments(survey: string, search: CommentSearch, n: number) {
      const [start, end] = search.range ? instantsOf(search.range.from, search.range.to) : ALL_TIME;
      return findComments(
        async (after, size) => searchPage.all(survey, start, end, after[0], ...after, size),
        search,
        n,
        PAGE_SIZE,
      );
    },
  };
}
