import type Database from 'better-sqlite3';
import { dayOf } from '../dates.js';
import type { TombstoneKind } from './types.js';

/**
 * The tombstones table: ids of what was deleted (an answer withdrawn, a
 * contact deleted), so that a copy delivered again — the widget delivers at
 * least once — is not stored again. An answer's tombstone holds the proof it
 * was withdrawn with (the SHA-256 of its deletion secret): only a copy
 * carrying that proof is kept out, so withdrawing an id without its secret
 * blocks nothing. A contact has no proof: its tombstone holds '' (a real
 * value, so the primary key dedupes it). Several tombstones may name one
 * answer id, one per proof shown. `written_on` is the UTC day it was written,
 * for retention. Created at every open (IF NOT EXISTS), so older databases
 * get it too.
 */
export const SQLITE_TOMBSTONES_SCHEMA = `
CREATE TABLE IF NOT EXISTS tombstones (
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('answer', 'contact')),
  proof TEXT NOT NULL,
  written_on TEXT NOT NULL,
  PRIMARY KEY (id, kind, proof)
);
CREATE INDEX IF NOT EXISTS tombstones_written_on ON tombstones (written_on);
`;

/** The tombstones' statements on `db`, prepared once; each runs inside its caller's transaction. */
export function sqliteTombstones(db: Database.Database) {
  const add = db.prepare<[string, TombstoneKind, string, string]>(
    'INSERT INTO tombstones (id, kind, proof, written_on) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const answer = db.prepare<[string, string], 1>(
    "SELECT 1 FROM tombstones WHERE id = ? AND kind = 'answer' AND proof = ?",
  );
  const anyAnswer = db.prepare<[string], 1>("SELECT 1 FROM tombstones WHERE id = ? AND kind = 'answer' LIMIT 1");
  const contact = db.prepare<[string], 1>("SELECT 1 FROM tombstones WHERE id = ? AND kind = 'contact'");
  const deleteBefore = db.prepare<[string]>('DELETE FROM tombstones WHERE written_on < ?');

  return {
    /** Writes a tombstone for `id` (`proof` '' for a contact), dated the UTC day of `now`. */
    add(kind: TombstoneKind, id: string, proof: string, now: Date): void {
      add.run(id, kind, proof, dayOf(now));
    },
    /** Whether the answer `id` was withdrawn with `proof`. */
    answer: (id: string, proof: string | undefined): boolean =>
      proof !== undefined && answer.get(id, proof) !== undefined,
    /** Whether the answer `id` was withdrawn with any proof (for its contact: the person took the answer back). */
    anyAnswer: (id: string): boolean => anyAnswer.get(id) !== undefined,
    /** Whether the contact `id` was deleted. */
    contact: (id: string): boolean => contact.get(id) !== undefined,
    /** Deletes those written before the UTC day of `date`; returns how many. */
    deleteBefore: (date: Date): number => deleteBefore.run(dayOf(date)).changes,
  };
}

export type SqliteTombstones = ReturnType<typeof sqliteTombstones>;
