import type pg from 'pg';
import { dayOf } from '../dates.js';
import type { TombstoneKind } from './types.js';

/**
 * The tombstones table: ids of what was deleted (an answer withdrawn, a
 * contact deleted), so that a copy delivered again — the widget delivers at
 * least once — is not stored again. An answer's tombstone holds the proof it
 * was withdrawn with (the SHA-256 of its deletion secret): only a copy
 * carrying that proof is kept out, so withdrawing an id without its secret
 * blocks nothing. A contact has no proof: its tombstone holds '' (primary key
 * columns cannot be null). Several tombstones may name one answer id, one per
 * proof shown. `written_on` is the UTC day it was written, for retention.
 * Part of the schema run at every open (IF NOT EXISTS), so older databases
 * get it too.
 */
export const POSTGRES_TOMBSTONES_SCHEMA = `
CREATE TABLE IF NOT EXISTS tombstones (
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('answer', 'contact')),
  proof text NOT NULL,
  written_on date NOT NULL,
  PRIMARY KEY (id, kind, proof)
);
CREATE INDEX IF NOT EXISTS tombstones_written_on ON tombstones (written_on);
`;

// Several collectors may share the database, and a withdrawal may arrive while its answer's batch is
// being stored (forget() while the answer is in flight): at READ COMMITTED, the withdrawal would not
// see the uncommitted answer and the batch would not see the new tombstone, and the answer would be
// stored after its withdrawal was confirmed. So a batch holds a shared lock on each id it names, a
// withdrawal (or a contact's deletion) an exclusive one on its id, for the rest of the transaction:
// one waits for the other, and its next statement sees what the other committed. Batches never wait
// for each other. Advisory locks in a key space of their own (the two-key form), taken in one order.
const LOCK = (mode: 'shared' | 'exclusive') =>
  `SELECT ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtext('candor-nps ids'), h)
   FROM (SELECT DISTINCT hashtext(id) AS h FROM unnest($1::text[]) AS id ORDER BY h) AS ids`;

/** Inside a transaction, before anything else: waits for and takes the locks on `ids` (see above). */
export async function lockIds(client: pg.ClientBase, ids: readonly string[], mode: 'shared' | 'exclusive') {
  if (ids.length > 0) await client.query(LOCK(mode), [ids]);
}

/** Writes tombstones dated the UTC day of `now` (`proof` '' for a contact); one already there changes nothing. */
export async function addTombstones(
  client: pg.ClientBase,
  tombstones: readonly { kind: TombstoneKind; id: string; proof: string }[],
  now: Date,
): Promise<void> {
  await client.query(
    `INSERT INTO tombstones (id, kind, proof, written_on)
     SELECT id, kind, proof, $4::date FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, kind, proof)
     ON CONFLICT DO NOTHING`,
    [tombstones.map((t) => t.id), tombstones.map((t) => t.kind), tombstones.map((t) => t.proof), dayOf(now)],
  );
}

/** Deletes the tombstones written before the UTC day of `date`; returns how many. */
export async function deleteTombstones(client: pg.ClientBase, date: Date): Promise<number> {
  return (await client.query('DELETE FROM tombstones WHERE written_on < $1::date', [dayOf(date)])).rowCount ?? 0;
}
