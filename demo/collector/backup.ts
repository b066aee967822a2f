import { chmodSync, existsSync, lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, readConfig } from './config.js';
import { DEFAULT_DB_FILE } from './storage/open.js';

/**
 * `candor-collector backup FILE`: copies the SQLite database with SQLite's
 * online backup, page by page, so the collector can keep running (and
 * writing) meanwhile and the copy is still consistent. Refuses to overwrite
 * FILE, and PostgreSQL (use pg_dump there). Resolves the number of pages copied.
 */
export async function backup(env: Readonly<Record<string, string | undefined>>, file: string): Promise<number> {
  if (env.DATABASE_URL?.trim())
    throw new ConfigError('backup: the database is PostgreSQL (DATABASE_URL); back it up with pg_dump');
  // Only the database's place matters here: the token is not used, so it is not checked.
  const config = readConfig({ ...env, CANDOR_ADMIN_TOKEN: undefined });
  const source = resolve(config.storage.file ?? DEFAULT_DB_FILE);
  if (!existsSync(source)) throw new ConfigError(`backup: there is no database at ${source} (CANDOR_DB)`);
  const target = resolve(file);
  // lstat, not exists: a dangling symlink is something, and SQLite would write through it.
  if (lstatSync(target, { throwIfNoEntry: false }))
    throw new ConfigError(`backup: ${target} exists already; name a new file`);
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const { totalPages } = await db.backup(target);
    // A copy of every answer: for its owner's eyes only, like the database.
    chmodSync(target, 0o600);
    return totalPages;
  } finally {
    db.close();
  }
}
