// Valid wire records and small helpers shared by the collector tests.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NpsContact } from '../../src/contact.js';
import { categoryOf } from '../../src/lib/category.js';
import type { NpsResponse } from '../../src/response.js';
import { openSqlite, type SqliteStorage } from '../../demo/collector/storage/sqlite.js';
import type { Storage } from '../../demo/collector/storage/types.js';

/** A valid response (survey "checkout", 2026-11-22 10:00 UTC); `over` replaces fields. */
export function response(over: Partial<NpsResponse> = {}): NpsResponse {
  const score = over.score ?? 9;
  return {
    id: randomUUID(),
    survey: 'checkout',
    score,
    category: categoryOf(score),
    locale: 'en',
    page: '/pricing',
    device: 'desktop',
    at: '2026-11-22T10:00:00Z',
    consentVersion: '1',
    sdk: '0.1.0',
    ...over,
  };
}

/** A deletion secret as a device keeps it: 32 random bytes, in hex. */
export const secret = () => randomBytes(32).toString('hex');

/** The `proof` an answer carries for `key`: its SHA-256, in hex. */
export const proofOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** A valid response that `key` withdraws (it carries its proof), and that key; `over` replaces fields. */
export function withdrawable(over: Partial<NpsResponse> = {}): [answer: NpsResponse, key: string] {
  const key = secret();
  return [response({ proof: proofOf(key), ...over }), key];
}

/** The wire body for `responses`. */
export const batch = (...responses: unknown[]) => JSON.stringify({ v: 1, responses });

/** A valid contact for the answer `answerId`, left the hour of the fixtures' answers and kept 30 days. */
export function contact(answerId: string, over: Partial<NpsContact> = {}): NpsContact {
  return {
    id: randomUUID(),
    answerId,
    email: `ana.${randomUUID().slice(0, 8)}@example.com`,
    at: '2026-11-22T10:00:00Z',
    consentVersion: 'reply-1',
    retentionDays: 30,
    ...over,
  };
}

/** The wire body for `responses` and `contacts`. */
export const withContacts = (responses: unknown[], contacts: unknown[]) =>
  JSON.stringify({ v: 1, responses, contacts });

/** Every stored id of `survey` in 2026 (the fixtures' year), sorted. */
export async function storedIds(storage: Storage, survey = 'checkout'): Promise<string[]> {
  const ids: string[] = [];
  for await (const r of storage.rows(survey, '2026-01-01', '2026-12-31')) ids.push(r.id);
  return ids.sort();
}

/**
 * Makes the SQLite file `file` as an older collector left it: only the
 * responses table, without the `proof` column unless `proof` is set, holding
 * one answer (received 2026-11-22), which is returned. Opening it with
 * `openSqlite` must add what is missing and keep that answer.
 */
export function olderSqlite(file: string, { proof = false } = {}): NpsResponse {
  const old = new Database(file);
  try {
    old.exec(`CREATE TABLE responses (id TEXT PRIMARY KEY, survey TEXT NOT NULL, at TEXT NOT NULL, score INTEGER NOT NULL,
      category TEXT NOT NULL, comment TEXT, locale TEXT NOT NULL, page TEXT NOT NULL, device TEXT NOT NULL,
      consent_version TEXT NOT NULL, segment TEXT, sdk TEXT NOT NULL, received_on TEXT NOT NULL${proof ? ', proof TEXT' : ''})`);
    const kept = response();
    old
      .prepare(`INSERT INTO responses VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, ?, ?${proof ? ', NULL' : ''})`)
      .run(
        kept.id,
        kept.survey,
        kept.at,
        kept.score,
        kept.category,
        kept.locale,
        kept.page,
        kept.device,
        kept.consentVersion,
        kept.sdk,
        '2026-11-22',
      );
    return kept;
  } finally {
    old.close();
  }
}

/**
 * Makes an older collector's file (see `olderSqlite`) in a temp directory,
 * opens it with `openSqlite`, and runs `check` on it and the answer it held;
 * closed and deleted afterwards.
 */
export async function openOlderSqlite(
  options: { proof?: boolean },
  check: (storage: SqliteStorage, kept: NpsResponse) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-migrate-'));
  const file = join(dir, 'old.db');
  const kept = olderSqlite(file, options);
  const storage = openSqlite(file);
  try {
    await check(storage, kept);
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
