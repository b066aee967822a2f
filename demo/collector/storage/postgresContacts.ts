import type pg from 'pg';
import { dayOf, expiryOf, instantOf } from '../dates.js';
import { addTombstones, lockIds } from './postgresTombstones.js';
import { NoSuchAnswer, type CommentRow, type ContactRow, type NpsContact, type ReplyRow } from './types.js';

/**
 * The contacts table: e-mail addresses left for a reply, personal data kept
 * apart from the anonymous answers and never read with them. One per answer
 * (`answer_id` UNIQUE). Part of the schema run at every open (IF NOT EXISTS),
 * so older databases get it too.
 */
export const POSTGRES_CONTACTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS contacts (
  id uuid PRIMARY KEY,
  answer_id uuid NOT NULL UNIQUE,
  survey text NOT NULL,
  email text NOT NULL,
  at timestamptz NOT NULL,
  consent_version text NOT NULL,
  received_on date NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS contacts_expires_at ON contacts (expires_at);
CREATE INDEX IF NOT EXISTS contacts_survey ON contacts (survey);
`;

// Instants in UTC text, whatever the session's TimeZone.
const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * Each contact of a batch, in order: whether it was deleted before (a tombstone), whether its
 * answer is stored (after the batch's own answers), and whether its answer was withdrawn.
 */
const STATE = `SELECT
    EXISTS (SELECT 1 FROM tombstones t WHERE t.id = c.id AND t.kind = 'contact') AS deleted,
    EXISTS (SELECT 1 FROM responses r WHERE r.id = c.answer_id) AS answered,
    EXISTS (SELECT 1 FROM tombstones t WHERE t.id = c.answer_id AND t.kind = 'answer') AS withdrawn
  FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS c(id, answer_id, n) ORDER BY c.n`;

// In batch order, so the first of two contacts for one answer is the one kept. ON CONFLICT
// without a target: a known id and a second contact for the answer both change nothing.
const INSERT = `INSERT INTO contacts (id, answer_id, survey, email, at, consent_version, received_on, expires_at)
  SELECT c.id, c.answer_id, r.survey, c.email, c.at, c.consent_version, $6::date, c.expires_at
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $7::timestamptz[])
    WITH ORDINALITY AS c(id, answer_id, email, at, consent_version, expires_at, n)
  JOIN responses r ON r.id = c.answer_id
  ORDER BY c.n
  ON CONFLICT DO NOTHING`;

/**
 * Inside the batch's transaction, after its answers: how many contacts were
 * stored, and how many a tombstone kept out; or throws `NoSuchAnswer`.
 */
export async function insertContacts(
  client: pg.PoolClient,
  all: readonly NpsContact[],
  receivedAt: Date,
): Promise<{ stored: number; resent: number }> {
  const { rows: states } = await client.query<{ deleted: boolean; answered: boolean; withdrawn: boolean }>(STATE, [
    all.map((c) => c.id),
    all.map((c) => c.answerId),
  ]);
  // A contact whose answer was withdrawn (and so is not stored) is acknowledged and dropped rather than
  // named in a 400: the person took the answer back; either way the widget stops sending it, but a 400
  // would also hold back the rest of its batch for a round trip. Any proof will do here: a contact never
  // comes before its answer, so a withdrawal without the secret can at most drop one the widget would
  // have dropped on the 400.
  const resent = states.map((s) => s.deleted || (!s.answered && s.withdrawn));
  const missing = states.findIndex((s, i) => !resent[i] && !s.answered);
  if (missing >= 0) throw new NoSuchAnswer(missing);
  const contacts = all.filter((_, i) => !resent[i]);
  const dropped = all.length - contacts.length;
  if (contacts.length === 0) return { stored: 0, resent: dropped };
  const result = await client.query(INSERT, [
    contacts.map((c) => c.id),
    contacts.map((c) => c.answerId),
    contacts.map((c) => c.email),
    contacts.map((c) => c.at),
    contacts.map((c) => c.consentVersion),
    dayOf(receivedAt),
    contacts.map((c) => expiryOf(receivedAt, c.retentionDays)),
  ]);
  return { stored: result.rowCount ?? 0, resent: dropped };
}

/** The contact `id`, address included, unless unknown or expired at `now`. */
export async function contactOf(pool: pg.Pool, id: string, now: Date): Promise<ContactRow | undefined> {
  const { rows } = await pool.query<ContactRow>(
    `SELECT id::text AS id, answer_id::text AS "answerId", survey, email, ${utc('at')} AS at,
       ${utc('expires_at')} AS "expiresAt" FROM contacts WHERE id = $1 AND expires_at > $2`,
    [id, instantOf(now)],
  );
  return rows[0];
}

/** `rows` with the id of each one's unexpired contact (ids only: the address never comes near an answer read). */
export async function markContacts(pool: pg.Pool, rows: CommentRow[], now: Date): Promise<CommentRow[]> {
  if (rows.length === 0) return rows;
  const found = await pool.query<{ id: string; answer_id: string }>(
    'SELECT id::text AS id, answer_id::text AS answer_id FROM contacts WHERE answer_id = ANY($1::uuid[]) AND expires_at > $2',
    [rows.map((r) => r.id), instantOf(now)],
  );
  const contactOf = new Map(found.rows.map((f) => [f.answer_id, f.id]));
  return rows.map((r) => (contactOf.has(r.id) ? { ...r, contact: contactOf.get(r.id)! } : r));
}

/** The `n` newest answers of `survey` with a contact unexpired at `now`. */
export async function repliesOf(pool: pg.Pool, survey: string, n: number, now: Date): Promise<ReplyRow[]> {
  const { rows } = await pool.query<ReplyRow & { comment: string | null }>(
    `SELECT r.id::text AS id, ${utc('r.at')} AS at, r.score, r.category, r.comment, r.locale, r.page,
       c.id::text AS contact, ${utc('c.expires_at')} AS "expiresAt"
     FROM contacts c JOIN responses r ON r.id = c.answer_id
     WHERE c.survey = $1 AND c.expires_at > $2 ORDER BY r.at DESC, r.id DESC LIMIT $3`,
    [survey, instantOf(now), n],
  );
  return rows.map(({ comment, ...row }) => ({ ...row, ...(comment !== null && { comment }) }));
}

/** Deletes contacts expired at `now`, and any whose answer is gone. */
export async function deleteExpiredContacts(client: pg.ClientBase, now: Date): Promise<number> {
  const result = await client.query(
    'DELETE FROM contacts c WHERE c.expires_at <= $1 OR NOT EXISTS (SELECT 1 FROM responses r WHERE r.id = c.answer_id)',
    [instantOf(now)],
  );
  return result.rowCount ?? 0;
}

/** Inside a transaction: deletes the contact `id` (the team replied); whether it was there. */
export async function deleteContact(client: pg.ClientBase, id: string, now: Date): Promise<boolean> {
  // The tombstone either way: the admin deletes only what was shown, and a batch in flight may still hold it.
  await lockIds(client, [id], 'exclusive');
  const result = await client.query('DELETE FROM contacts WHERE id = $1', [id]);
  await addTombstones(client, [{ kind: 'contact', id, proof: '' }], now);
  return (result.rowCount ?? 0) > 0;
}
