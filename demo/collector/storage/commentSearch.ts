import type { Category } from '../../../src/lib/category.js';
import type { CommentRow } from './types.js';

/** What the database narrows answers to: a category, and one segment key's value. */
export interface AnswerFilter {
  category?: Category | undefined;
  segment?: { key: string; value: string } | undefined;
}

/** A comment search: the database's filter, a range, and a test of each comment's text. */
export interface CommentSearch extends AnswerFilter {
  /** UTC days, both included; none: any date. */
  range?: { from: string; to: string } | undefined;
  /** Keeps a comment when true (the words searched for, a theme); none: every comment. */
  match?: ((comment: string, locale: string) => boolean) | undefined;
  /** Comments read at most, newest first, before the search stops. */
  scan: number;
}

/** What a search found: the comments, newest first; how many it read; whether that was all of them. */
export interface CommentsFound {
  comments: CommentRow[];
  scanned: number;
  complete: boolean;
}

/** Where a search starts: after the newest instant any answer can have. */
export const NEWEST: [string, string] = ['9999-12-31T00:00:00Z', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
/** The instants a search without a range covers. */
export const ALL_TIME: [string, string] = ['0001-01-01T00:00:00Z', '9999-12-31T00:00:00Z'];

/**
 * Reads comments newest first, a page at a time (`page(after, size)`: those before `after`, the
 * database's filter applied), keeps those `match` takes, and stops at `n` kept or `scan` read.
 */
export async function findComments(
  page: (after: [string, string], size: number) => Promise<CommentRow[]>,
  search: CommentSearch,
  n: number,
  pageSize: number,
): Promise<CommentsFound> {
  const comments: CommentRow[] = [];
  let scanned = 0;
  let after = NEWEST;
  for (;;) {
    const size = Math.min(search.match ? pageSize : n - comments.length, search.scan - scanned);
    if (size <= 0) return { comments, scanned, complete: false };
    const rows = await page(after, size);
    scanned += rows.length;
    for (const row of rows) {
      if (search.match && !search.match(row.comment, row.locale)) continue;
      comments.push(row);
      if (comments.length === n) return { comments, scanned, complete: false };
    }
    if (rows.length < size) return { comments, scanned, complete: true };
    after = [rows.at(-1)!.at, rows.at(-1)!.id];
  }
}

/** A JSON path naming one segment key, quoted (keys are letters, digits and _, but the path never trusts that). */
export const segmentPath = (key: string) => `$.${JSON.stringify(key)}`;

/** How one database writes a filter: its placeholders, and how it reads one key of `segment`. */
export interface Dialect {
  /** The placeholder of the `i`th value (from 1): `?` or `$i`. */
  param(i: number): string;
  /** The expression reading the segment key whose placeholder is `keyParam`. */
  segment(keyParam: string): string;
  /** The value bound for a segment key: a JSON path for SQLite, the key itself for PostgreSQL. */
  key(key: string): string;
}

/** The conditions of `filter` as SQL (`AND …` each) and their values, the first value the `first`th. */
export function filterSql(filter: AnswerFilter, dialect: Dialect, first: number): { sql: string; values: unknown[] } {
  let sql = '';
  const values: unknown[] = [];
  const next = (value: unknown) => (values.push(value), dialect.param(first + values.length - 1));
  if (filter.category) sql += ` AND category = ${next(filter.category)}`;
  if (filter.segment)
    sql += ` AND ${dialect.segment(next(dialect.key(filter.segment.key)))} = ${next(filter.segment.value)}`;
  return { sql, values };
}
