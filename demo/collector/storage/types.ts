import type { Category } from '../../../src/lib/category.js';
import type { NpsResponse } from '../../../src/response.js';

export type { NpsResponse };

/** What `insert` did: new rows stored, and rows whose id was already there (not stored again). */
export interface InsertResult {
  stored: number;
  duplicates: number;
}

/** One UTC day of a summary. `nps` is null on a day without answers. */
export interface DayPoint {
  date: string;
  count: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

/** A survey over a range of UTC days (both included). */
export interface Summary {
  survey: string;
  from: string;
  to: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100…+100, one decimal; null without answers. */
  nps: number | null;
  /** How many answers gave each score: index 0–10. */
  distribution: number[];
  /** Every day of the range, oldest first, empty days included. */
  daily: DayPoint[];
}

/** One comment for the dashboard (redacted on the device and again by the collector). */
export interface CommentRow {
  id: string;
  at: string;
  score: number;
  category: Category;
  comment: string;
  locale: string;
  page: string;
}

/**
 * Where the collector keeps answers: SQLite (embedded default) or PostgreSQL
 * (several collectors behind a load balancer). Days are UTC "YYYY-MM-DD"
 * strings, ranges include both ends, and `at` decides which day an answer is on.
 */
export interface Storage {
  /** Stores new rows in one transaction; an id already stored is a duplicate, not an error. */
  insert(rows: readonly NpsResponse[], receivedAt?: Date): Promise<InsertResult>;
  /**
   * Inserts as `insert` does in a transaction that is then rolled back: throws
   * what `insert` would throw, stores nothing. The collector uses it to find
   * which record of a refused batch the database refuses.
   */
  dryRun(rows: readonly NpsResponse[], receivedAt?: Date): Promise<void>;
  summary(survey: string, from: string, to: string): Promise<Summary>;
  /** Every answer of the range, oldest first, read in pages (for the CSV export). */
  rows(survey: string, from: string, to: string): AsyncIterable<NpsResponse>;
  /** The `n` newest answers that have a comment, newest first. */
  latestComments(survey: string, n: number): Promise<CommentRow[]>;
  /**
   * Deletes rows received before the UTC day of `date` (retention); returns how
   * many. Rows keep the day they were received, not the client's `at`: a wrong
   * device clock can neither expire an answer at once nor keep it forever.
   */
  deleteOlderThan(date: Date): Promise<number>;
  /** How many answers of `survey` were received on the UTC `day` (the daily cap; an index range read). */
  countReceived(survey: string, day: string): Promise<number>;
  /**
   * Deletes the answer `id` if it was stored with this `proof` (the SHA-256, hex, of its deletion
   * secret), compared in constant time: `deleted`; `unknown` when there is no such answer (never
   * stored, or withdrawn already); `refused` when the proof differs or the answer has none.
   */
  withdraw(id: string, proof: string): Promise<'deleted' | 'unknown' | 'refused'>;
  /** Resolves when the database answers a trivial query (readiness); rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A database that cannot be opened: the message says what and what to do, in one sentence. */
export class StorageOpenError extends Error {
  override name = 'StorageOpenError';
}

/** Rows per page when reading a range (bounds memory for any export size). */
export const PAGE_SIZE = 1000;
