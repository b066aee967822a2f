// The two storages the collector supports, each opened fresh for a test:
// SQLite in a temp file, PostgreSQL in a new database of the throwaway server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres } from '../../demo/collector/storage/postgres.js';
import { openSqlite } from '../../demo/collector/storage/sqlite.js';
import type { Storage } from '../../demo/collector/storage/types.js';

export interface Opened {
  storage: Storage;
  /** The SQLite file, or the PostgreSQL URL of this test's database. */
  where: string;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'SQLite' | 'PostgreSQL';
  /** Why this backend's tests are skipped, if they are. */
  skip?: string | undefined;
  open(): Promise<Opened>;
  /** A fresh, empty place for a running collector: the environment that points it there. */
  place(): Promise<Place>;
}

/** Where a collector started from the environment keeps its answers. */
export interface Place {
  /** CANDOR_DB (and the data directory it lives in) or DATABASE_URL. */
  env: Record<string, string>;
  /** The SQLite file, or the PostgreSQL URL. */
  where: string;
  cleanup(): Promise<void>;
}

export const sqlite: Backend = {
  name: 'SQLite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'candor-sqlite-'));
    const where = join(dir, 'candor.db');
    const storage = openSqlite(where);
    return { storage, where, cleanup: async () => (await storage.close(), rmSync(dir, { recursive: true })) };
  },
  async place() {
    const dir = mkdtempSync(join(tmpdir(), 'candor-sqlite-'));
    const where = join(dir, 'data', 'candor.db');
    return { env: { CANDOR_DB: where }, where, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

const serverUrl = inject('postgresUrl');

/** `url` with another database (and optional connection `options`, e.g. a session TimeZone). */
export function withDatabase(url: string, database: string, options?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (options) u.searchParams.set('options', options);
  return u.toString();
}

/** Runs `sql` on the throwaway server's `postgres` database. */
export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const postgres: Backend = {
  name: 'PostgreSQL',
  skip: serverUrl ? undefined : 'PostgreSQL is not installed (apt-get install -y postgresql)',
  async open() {
    const database = `candor_test_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${database}`);
    // A session far from UTC: days and instants must come out in UTC anyway.
    const where = withDatabase(serverUrl, database, '-c TimeZone=Pacific/Kiritimati');
    const storage = await openPostgres(where);
    return {
      storage,
      where,
      cleanup: async () => {
        await storage.close();
        await admin(`DROP DATABASE ${database}`);
      },
    };
  },
  async place() {
    const database = `candor_test_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${database}`);
    const where = withDatabase(serverUrl, database);
    return { env: { DATABASE_URL: where }, where, cleanup: () => admin(`DROP DATABASE ${database} WITH (FORCE)`) };
  },
};

export const backends = [sqlite, postgres];
