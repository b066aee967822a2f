// Durable and clean storage (SQLite): an acknowledged answer survives power loss
// (synchronous=FULL on every open, read back from the collector's own connection),
// and a deleted answer leaves no bytes behind in the database or its WAL.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { openSqlite, type SqliteStorage } from '../../demo/collector/storage/sqlite.js';
import { response } from './fixtures.js';

const dirs: string[] = [];
const open: SqliteStorage[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const file = () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-durable-'));
  dirs.push(dir);
  return join(dir, 'candor.db');
};
const start = (path: string) => {
  const storage = openSqlite(path);
  open.push(storage);
  return storage;
};
/** Whether `text` is anywhere in the database file or its write-ahead log. */
const onDisk = (path: string, text: string) =>
  [path, `${path}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(text)));

test('every open runs WAL with synchronous=FULL and secure_delete on, read back from its own connection', async () => {
  const path = file();
  for (let i = 0; i < 2; i++) {
    // The second open is a restart on an existing WAL database (where the build default NORMAL crept in).
    const storage = start(path);
    expect(storage.pragma('journal_mode')).toBe('wal');
    expect(storage.pragma('synchronous')).toBe(2); // FULL
    expect(storage.pragma('secure_delete')).toBe(1);
    await storage.close();
    open.pop();
  }
});

test('a comment deleted by retention is gone from the bytes of the .db and -wal files', async () => {
  const path = file();
  const storage = start(path);
  const secret = 'zebra-quartz-4711 call me on the landline';
  await storage.insert([response({ comment: secret })], new Date('2026-01-10T12:00:00Z'));
  await storage.insert([response({ comment: 'kept, received later' })], new Date('2026-06-10T12:00:00Z'));
  expect(onDisk(path, secret)).toBe(true); // the test can see it while it is stored
  expect(await storage.deleteOlderThan(new Date('2026-03-01T00:00:00Z'))).toBe(1);
  expect(onDisk(path, secret)).toBe(false);
  expect(onDisk(path, 'kept, received later')).toBe(true);
});

test('a new data directory is readable by its owner only (0700), and so are the database and its WAL (0600)', async () => {
  const fresh = join(mkdtempSync(join(tmpdir(), 'candor-perm-')), 'data');
  const opened = openSqlite(join(fresh, 'candor.db'));
  try {
    await opened.insert([response()], new Date());
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    for (const f of ['candor.db', 'candor.db-wal']) expect(statSync(join(fresh, f)).mode & 0o777, f).toBe(0o600);
  } finally {
    await opened.close();
    rmSync(join(fresh, '..'), { recursive: true, force: true });
  }
});
