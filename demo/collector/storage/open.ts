import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import type { Storage } from './types.js';

/** Where the collector keeps answers: PostgreSQL when `databaseUrl` is set, else the SQLite file. */
export interface StorageConfig {
  /** DATABASE_URL: a postgres:// URL. */
  databaseUrl?: string | undefined;
  /** CANDOR_DB: the SQLite file (default ./data/candor.db, relative to the working directory). */
  file?: string | undefined;
}

/** The SQLite file used when neither CANDOR_DB nor DATABASE_URL is set. */
export const DEFAULT_DB_FILE = './data/candor.db';

/** Opens the configured storage; throws `StorageOpenError` with one clear sentence when it cannot. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(config.file ?? DEFAULT_DB_FILE);
}
