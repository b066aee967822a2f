// Opening storage: the SQLite file's directory, WAL, and one clear error for
// a corrupt, foreign or locked file or an unreachable PostgreSQL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStorage } from '../../demo/collector/storage/open.js';
import { openSqlite } from '../../demo/collector/storage/sqlite.js';
import { StorageOpenError } from '../../demo/collector/storage/types.js';
import { response, storedIds } from './fixtures.js';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'candor-open-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The error `open` throws (fails the test when it throws nothing). */
async function failure(open: () => unknown): Promise<Error> {
  try {
    await open();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the open to fail');
}

test('creates a missing data directory and opens the file in WAL mode', async () => {
  const file = join(dir, 'missing', 'nested', 'candor.db');
  const storage = openSqlite(file);
  await storage.insert([response()]);
  const db = new Database(file, { readonly: true });
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
  await storage.close();
});

test('keeps rows across close and reopen', async () => {
  const file = join(dir, 'candor.db');
  const first = openSqlite(file);
  const r = response();
  await first.insert([r]);
  await first.close();
  const second = openSqlite(file);
  expect(await storedIds(second)).toEqual([r.id]);
  await second.close();
});

test('a corrupt file → one StorageOpenError naming the file and what to do', async () => {
  const file = join(dir, 'candor.db');
  writeFileSync(file, 'this is not a database, just some text that is long enough to have a header'.repeat(20));
  const error = await failure(() => openSqlite(file));
  expect(error).toBeInstanceOf(StorageOpenError);
  expect(error.message).toMatch(
    new RegExp(`^The database file ${file} is corrupt or not a Candor database \\(.+\\)\\. Move it aside`),
  );
  expect(error.message).not.toContain('\n');
});

test('another application’s SQLite file with a "responses" table of its own → StorageOpenError', async () => {
  const file = join(dir, 'other.db');
  const db = new Database(file);
  db.exec('CREATE TABLE responses (id INTEGER PRIMARY KEY, body TEXT)');
  db.close();
  const error = await failure(() => openSqlite(file));
  expect(error).toBeInstanceOf(StorageOpenError);
  expect(error.message).toMatch(/is corrupt or not a Candor database/);
});

test('a file locked by another process → StorageOpenError saying so', async () => {
  const file = join(dir, 'candor.db');
  const holder = new Database(file);
  // An exclusive lock held in an open transaction, as a crashed-but-alive writer would.
  holder.pragma('locking_mode = EXCLUSIVE');
  holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
  try {
    const error = await failure(() => openSqlite(file));
    expect(error).toBeInstanceOf(StorageOpenError);
    expect(error.message).toBe(
      `The database file ${file} is locked by another process (is another collector using it?). Stop that process, or point CANDOR_DB at another file.`,
    );
  } finally {
    holder.close();
  }
});

test('a data directory that cannot be created → StorageOpenError', async () => {
  writeFileSync(join(dir, 'file'), '');
  const error = await failure(() => openSqlite(join(dir, 'file', 'sub', 'candor.db')));
  expect(error).toBeInstanceOf(StorageOpenError);
  expect(error.message).toMatch(/^Cannot create the data directory/);
});

test('an unreachable PostgreSQL → StorageOpenError without the password', async () => {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  const error = await failure(() => openStorage({ databaseUrl: 'postgresql://candor:s3cret@127.0.0.1:1/candor' }));
  expect(error).toBeInstanceOf(StorageOpenError);
  expect(error.message).toMatch(
    /^Cannot use PostgreSQL at postgresql:\/\/candor:\*\*\*@127\.0\.0\.1:1\/candor: .*ECONNREFUSED/,
  );
  expect(error.message).not.toContain('s3cret');
});
