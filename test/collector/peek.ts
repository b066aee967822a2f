// A look into a live collector's database behind its back, for what no route
// shows: which tombstones it keeps.
import Database from 'better-sqlite3';
import pg from 'pg';

/** A tombstone as both databases give it back, `day` being the UTC day it was written. */
export interface TombstoneRow {
  id: string;
  kind: 'answer' | 'contact';
  proof: string;
  day: string;
}

// Portable SQL: text casts, so PostgreSQL's uuid and date come back as SQLite's strings do.
const TOMBSTONES =
  'SELECT CAST(id AS TEXT) AS id, kind, proof, CAST(written_on AS TEXT) AS day FROM tombstones ORDER BY kind, id, proof';

/** The tombstones kept in `where` (a SQLite file, or a PostgreSQL URL), in a stable order. */
export async function tombstones(where: string): Promise<TombstoneRow[]> {
  if (/^postgres(ql)?:/.test(where)) {
    const client = new pg.Client({ connectionString: where });
    await client.connect();
    try {
      return (await client.query<TombstoneRow>(TOMBSTONES)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(where, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], TombstoneRow>(TOMBSTONES).all();
  } finally {
    db.close();
  }
}
