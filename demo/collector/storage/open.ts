import { openSqlite } from './sqlite.js';
import { StorageOpenError, type Storage } from './types.js';

/** Where the collector keeps answers: PostgreSQL when `databaseUrl` is set, else the SQLite file. */
export interface StorageConfig {
  /** DATABASE_URL: a postgres:// URL. */
  databaseUrl?: string | undefined;
  /** CANDOR_DB: the SQLite file (default ./data/candor.db, relative to the working directory). */
  file?: string | undefined;
  /** CANDOR_ALERTS=detractors: queue an alert with each detractor answer stored (storage/hooks.ts). */
  alerts?: boolean | undefined;
}

/** The SQLite file used when neither CANDOR_DB nor DATABASE_URL is set. */
export const DEFAULT_DB_FILE = './data/candor.db';

/** Opens the configured storage; throws `StorageOpenError` with one clear sentence when it cannot. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  const options = { alerts: config.alerts };
  if (!config.databaseUrl) return openSqlite(config.file ?? DEFAULT_DB_FILE, options);
  // pg is an optional peer of the collector: loaded only when PostgreSQL is asked for.
  let postgres: typeof import('./postgres.js');
  try {
    postgres = await import('./postgres.js');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && /'pg'/.test((error as Error).message))
      throw new StorageOpenError('DATABASE_URL needs the pg package next to the collector: npm install pg');
    throw error;
  }
  return postgres.openPostgres(config.databaseUrl, options);
}
