import type { NpsContact } from '../../../src/contact.js';
import type { Category } from '../../../src/lib/category.js';
import type { NpsResponse } from '../../../src/response.js';

import type { AnswerFilter, CommentSearch, CommentsFound } from './commentSearch.js';
import type { HookQueue } from './hooks.js';

export type { NpsContact, NpsResponse };

/** What `insert` did: new rows stored, and rows whose id was already there (not stored again). */
export interface InsertResult {
  stored: number;
  duplicates: number;
  /**
   * When contacts came with the batch: new ones stored, and those that
   * changed nothing (an id already there, or another contact for the same answer).
   */
  contacts?: { stored: number; duplicates: number };
  /**
   * Records of the batch that were deleted before (a tombstone names them:
   * an answer withdrawn, a contact deleted) and so were not stored again;
   * they are counted in `duplicates` and `contacts.duplicates` too. Only
   * when there were some.
   */
  resent?: { answers: number; contacts: number };
}

/** What a tombstone stands for: an answer withdrawn, or a contact deleted (replied to, or withdrawn with its answer). */
export type TombstoneKind = 'answer' | 'contact';

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

/** What a breakdown groups answers by: a column, or one key of their `segment`. */
export type GroupBy = 'page' | 'device' | 'locale' | `segment.${string}`;

/** One group and score of a breakdown: how many answers; `value` null when an answer has no such segment key. */
export interface GroupCell {
  value: string | null;
  score: number;
  count: number;
}

/** A comment the themes are read from: no page, device or contact. */
export interface ThemeComment {
  id: string;
  at: string;
  score: number;
  comment: string;
  locale: string;
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
  /** The id of the contact left with this answer, while it is kept: never the address. */
  contact?: string;
}

/** An answer whose author asked for a reply, for the dashboard: its contact's id, never the address. */
export interface ReplyRow {
  /** The answer's id. */
  id: string;
  at: string;
  score: number;
  category: Category;
  comment?: string;
  locale: string;
  page: string;
  /** The contact's id: `GET /v1/contacts/:id` shows the address. */
  contact: string;
  /** When the contact is deleted at the latest ("YYYY-MM-DDTHH:00:00Z"). */
  expiresAt: string;
}

/** A contact as an admin who asks for it sees it (`GET /v1/contacts/:id`). */
export interface ContactRow {
  id: string;
  answerId: string;
  /** The survey of its answer. */
  survey: string;
  email: string;
  /** The hour it was left, UTC. */
  at: string;
  /** The hour it arrived plus its `retentionDays`, UTC: hidden from then, deleted at the next retention run. */
  expiresAt: string;
}

/** What `withdraw` did: the answer's outcome, and whether a contact went with it. */
export interface Withdrawal {
  outcome: 'deleted' | 'unknown' | 'refused';
  contact: boolean;
}

/**
 * Thrown by `insert` when a contact's answer is neither in the batch nor
 * stored: the transaction is rolled back, so nothing of the batch is stored,
 * and the collector names `contacts[index]` in a 400.
 */
export class NoSuchAnswer extends Error {
  override name = 'NoSuchAnswer';
  constructor(readonly index: number) {
    super(`contacts[${index}]: no such answer`);
  }
}

/**
 * Where the collector keeps answers: SQLite (embedded default) or PostgreSQL
 * (several collectors behind a load balancer). Days are UTC "YYYY-MM-DD"
 * strings, ranges include both ends, and `at` decides which day an answer is on.
 */
export interface Storage {
  /** The webhook queue: digests and alerts waiting to be sent (storage/hooks.ts). */
  readonly hooks: HookQueue;
  /**
   * Stores new rows, then `contacts` (apart, in the contacts table), in one
   * transaction; an id already stored is a duplicate, not an error, and so is
   * a second contact for one answer. A contact keeps the survey of its answer,
   * which must be in `rows` or stored already: else `NoSuchAnswer` is thrown
   * and nothing is stored. A contact expires `retentionDays` after the hour
   * it arrived.
   *
   * What was deleted stays deleted (delivery is at-least-once, so a deleted
   * record may come again): an answer whose id and proof a tombstone holds, a
   * contact whose id one holds, and a contact whose answer is not stored but
   * was withdrawn are not stored, and count as duplicates (`resent`).
   */
  insert(
    rows: readonly NpsResponse[],
    receivedAt?: Date,
    contacts?: readonly NpsContact[],
    /** `alerts: false`: no alert for these rows even when the storage queues them (made-up answers). */
    options?: { alerts?: boolean },
  ): Promise<InsertResult>;
  /**
   * Inserts as `insert` does in a transaction that is then rolled back: throws
   * what `insert` would throw, stores nothing. The collector uses it to find
   * which record of a refused batch the database refuses.
   */
  dryRun(rows: readonly NpsResponse[], receivedAt?: Date): Promise<void>;
  summary(survey: string, from: string, to: string): Promise<Summary>;
  /** Every survey that has a stored answer, in order (a loose scan of the survey index: one step per survey). */
  surveys(): Promise<string[]>;
  /** The answers of a range counted per value of `by` and per score (a breakdown; the table untouched but for segments). */
  groups(survey: string, from: string, to: string, by: GroupBy): Promise<GroupCell[]>;
  /** The `limit` newest answers of the range that have a comment, newest first (the themes' corpus). */
  themeComments(survey: string, from: string, to: string, limit: number): Promise<ThemeComment[]>;
  /**
   * The first `limit` segment keys the survey's answers have carried, in order (kept at insert;
   * withdrawals and retention leave them).
   */
  segmentKeys(survey: string, limit: number): Promise<string[]>;
  /** Whether the survey's answers have carried the segment key `key` (one index lookup). */
  hasSegmentKey(survey: string, key: string): Promise<boolean>;
  /** Every answer of the range (of `filter`'s category and segment value), oldest first, read in pages (the CSV export). */
  rows(survey: string, from: string, to: string, filter?: AnswerFilter): AsyncIterable<NpsResponse>;
  /**
   * The `n` newest answers with a comment that `search` keeps, newest first, each with the id of its
   * contact unexpired at `now`; the database reads the range, category and segment value, `match`
   * the text, and the search stops after `search.scan` comments read (storage/commentSearch.ts).
   */
  comments(survey: string, search: CommentSearch, n: number, now?: Date): Promise<CommentsFound>;
  /** The `n` newest answers of `survey` with a contact unexpired at `now`, newest first. */
  replies(survey: string, n: number, now: Date): Promise<ReplyRow[]>;
  /** The contact `id`, address included, unless it is unknown or expired at `now`. */
  contact(id: string, now: Date): Promise<ContactRow | undefined>;
  /**
   * Deletes the contact `id` (the team replied) and writes its tombstone, dated
   * `now`, so that a batch sent again cannot store it again; whether there was
   * one. Overwritten on SQLite, WAL included.
   */
  deleteContact(id: string, now?: Date): Promise<boolean>;
  /** Deletes contacts expired at `now`, and any whose answer is gone (retention); returns how many. */
  deleteExpiredContacts(now: Date): Promise<number>;
  /**
   * Deletes rows received before the UTC day of `date` (retention); returns how
   * many. Rows keep the day they were received, not the client's `at`: a wrong
   * device clock can neither expire an answer at once nor keep it forever.
   */
  deleteOlderThan(date: Date): Promise<number>;
  /** Deletes the tombstones written before the UTC day of `date` (retention); returns how many. */
  deleteTombstones(date: Date): Promise<number>;
  /** How many answers of `survey` were received on the UTC `day` (the daily cap; an index range read). */
  countReceived(survey: string, day: string): Promise<number>;
  /**
   * Deletes the answer `id` and its contact, in one transaction, if it was stored with this `proof`
   * (the SHA-256, hex, of its deletion secret), compared in constant time: `deleted`; `unknown`
   * when there is no such answer (never stored, or withdrawn already); `refused` when the proof
   * differs or the answer has none. `deleted` and `unknown` write a tombstone dated `now` holding
   * the id and this proof (and `deleted` one for the contact's id), in the same transaction: the
   * answer, sent again or arriving only now, is not stored. `refused` writes none.
   */
  withdraw(id: string, proof: string, now?: Date): Promise<Withdrawal>;
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
