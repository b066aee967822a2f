import type { Category } from '../../../src/lib/category.js';
import type { CommentRow } from './types.js';

/** What answers are narrowed to: a category, one segment key's value; for the CSV, only those with a comment. */
export interface AnswerFilter {
  category?: Category | undefined;
  segment?: { key: string; value: string } | undefined;
  /** Only answers with a comment (the CSV of a text search). */
  commented?: boolean | undefined;
}

/**
 * A comment search: a range, a category, a segment value and a test of each comment's text. The
 * database reads the range, newest first; the rest is applied to each page read, so that `scan`
 * bounds the database's work whatever the filters (a segment value no one has reads `scan` rows).
 */
export interface CommentSearch extends AnswerFilter {
  /** UTC days, both included; none: any date. */
  range?: { from: string; to: string } | undefined;
  /** Keeps a comment when true (the words searched for, a theme); none: every comment. */
  match?: ((comment: string, locale: string) => boolean) | undefined;
  /** Comments read at most, newest first, before the search stops. */
  scan: number;
}

/**
 * What a search found: the comments, newest first; how many of the range it read; whether it read
 * them all (false when it stopped at `n` found or `scan` read: there may be more).
 */
export interface CommentsFound {
  comments: CommentRow[];
  scanned: number;
  complete: boolean;
}

/** Where a search starts: after the newest instant any answer can have. */
export const NEWEST: [string, string] = ['9999-12-31T00:00:00Z', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
/** The instants a search without a range covers. */
export const ALL_TIME: [string, string] = ['0001-01-01T00:00:00Z', '9999-12-31T00:00:00Z'];

/** A comment as a search's page reads it: with its segment (JSON text), to filter on. */
export type SearchRow = CommentRow & { segment: string | null };

/** Whether `row` passes the search's category, segment value and text test. */
function keeps(row: SearchRow, search: CommentSearch): boolean {
  if (search.category && row.category !== search.category) return false;
  if (search.segment) {
    const segment = row.segment === null ? undefined : (JSON.parse(row.segment) as Record<string, unknown>);
    if (segment?.[search.segment.key] !== search.segment.value) return false;
  }
  return !search.match || search.match(row.comment, row.locale);
}

/** The first page of a filtered search: small, since the newest comments often hold enough. */
const FIRST_PAGE = 250;

/**
 * Reads the range's comments newest first, a page at a time (`page(after, size)`: those before
 * `after`), keeps those the search's filters take, and stops at `n` kept or `scan` read.
 */
export async function findComments(
  page: (after: [string, string], size: number) => Promise<SearchRow[]>,
  search: CommentSearch,
  n: number,
  pageSize: number,
): Promise<CommentsFound> {
  const filtered = Boolean(search.category || search.segment || search.match);
  const comments: CommentRow[] = [];
  let scanned = 0;
  let after = NEWEST;
  for (;;) {
    const want = filtered ? (scanned ? pageSize : FIRST_PAGE) : n - comments.length;
    const size = Math.min(want, search.scan - scanned);
    if (size <= 0) return { comments, scanned, complete: false };
    const rows = await page(after, size);
    scanned += rows.length;
    for (const row of rows) {
      if (!keeps(row, search)) continue;
      const { segment: _segment, ...comment } = row;
      comments.push(comment);
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
  if (filter.commented) sql += ' AND comment IS NOT NULL';
  if (filter.category) sql += ` AND category = ${next(filter.category)}`;
  if (filter.segment)
    sql += ` AND ${dialect.segment(next(dialect.key(filter.segment.key)))} = ${next(filter.segment.value)}`;
  return { sql, values };
}
