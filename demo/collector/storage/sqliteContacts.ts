import type Database from 'better-sqlite3';
import { dayOf, expiryOf, instantOf } from '../dates.js';
import type { SqliteTombstones } from './sqliteTombstones.js';
import { NoSuchAnswer, type CommentRow, type ContactRow, type NpsContact, type ReplyRow } from './types.js';

/**
 * The contacts table: e-mail addresses left for a reply, personal data kept
 * apart from the anonymous answers and never read with them. One per answer
 * (`answer_id` UNIQUE). `at` and `expires_at` are text in the wire's hour
 * format, so text order is time order; `received_on` is the UTC day it arrived.
 * Created at every open (IF NOT EXISTS), so older databases get it too.
 */
export const SQLITE_CONTACTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS contacts (
  id TEXT PRIMARY KEY,
  answer_id TEXT NOT NULL UNIQUE,
  survey TEXT NOT NULL,
  email TEXT NOT NULL,
  at TEXT NOT NULL,
  consent_version TEXT NOT NULL,
  received_on TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS contacts_expires_at ON contacts (expires_at);
CREATE INDEX IF NOT EXISTS contacts_survey ON contacts (survey);
`;

/**
 * The contacts' statements on `db`, prepared once. Deleting ones end with a
 * checkpoint that empties the WAL (the database runs with secure_delete), so
 * a deleted address is in neither file, and write the contact's tombstone.
 */
export function sqliteContacts(db: Database.Database, tombstones: SqliteTombstones) {
  const surveyOf = db.prepare<[string], { survey: string }>('SELECT survey FROM responses WHERE id = ?');
  // ON CONFLICT without a target: a known id and a second contact for the answer both change nothing.
  const insertOne = db.prepare(
    `INSERT INTO contacts (id, answer_id, survey, email, at, consent_version, received_on, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const byId = db.prepare<[string, string], ContactRow>(
    'SELECT id, answer_id AS answerId, survey, email, at, expires_at AS expiresAt FROM contacts WHERE id = ? AND expires_at > ?',
  );
  // Ids only: the address never comes near an answer read.
  const idsFor = db.prepare<[string, string], { id: string; answerId: string }>(
    'SELECT id, answer_id AS answerId FROM contacts WHERE answer_id IN (SELECT value FROM json_each(?)) AND expires_at > ?',
  );
  const replies = db.prepare<[string, string, number], ReplyRow & { comment: string | null }>(
    `SELECT r.id, r.at, r.score, r.category, r.comment, r.locale, r.page, c.id AS contact, c.expires_at AS expiresAt
     FROM contacts c JOIN responses r ON r.id = c.answer_id
     WHERE c.survey = ? AND c.expires_at > ? ORDER BY r.at DESC, r.id DESC LIMIT ?`,
  );
  const deleteOne = db.prepare<[string]>('DELETE FROM contacts WHERE id = ?');
  const deleteForAnswer = db.prepare<[string], { id: string }>('DELETE FROM contacts WHERE answer_id = ? RETURNING id');
  const deleteExpired = db.prepare<[string]>(
    'DELETE FROM contacts WHERE expires_at <= ? OR answer_id NOT IN (SELECT id FROM responses)',
  );
  const checkpoint = () => db.pragma('wal_checkpoint(TRUNCATE)');
  const deleteAndBury = db.transaction((id: string, now: Date): boolean => {
    const deleted = deleteOne.run(id).changes > 0;
    tombstones.add('contact', id, '', now);
    return deleted;
  });

  return {
    /**
     * Inside the batch's transaction, after its answers: how many contacts were
     * stored, and how many a tombstone kept out; or throws `NoSuchAnswer`.
     */
    insert(contacts: readonly NpsContact[], receivedAt: Date): { stored: number; resent: number } {
      let stored = 0;
      let resent = 0;
      contacts.forEach((c, index) => {
        if (tombstones.contact(c.id)) return void resent++;
        const answer = surveyOf.get(c.answerId);
        // Its answer was withdrawn (and so is not stored): the person took it back, so the contact
        // is acknowledged and dropped rather than named in a 400 — either way the widget stops
        // sending it, but a 400 would also hold back the rest of its batch for a round trip.
        // Any proof will do here: a contact never comes before its answer, so a withdrawal
        // without the secret can at most drop one the widget would have dropped on the 400.
        if (!answer && tombstones.anyAnswer(c.answerId)) return void resent++;
        if (!answer) throw new NoSuchAnswer(index);
        stored += insertOne.run(
          c.id,
          c.answerId,
          answer.survey,
          c.email,
          c.at,
          c.consentVersion,
          dayOf(receivedAt),
          expiryOf(receivedAt, c.retentionDays),
        ).changes;
      });
      return { stored, resent };
    },
    get: (id: string, now: Date): ContactRow | undefined => byId.get(id, instantOf(now)),
    /** `rows` with the id of each one's unexpired contact. */
    mark(rows: CommentRow[], now: Date): CommentRow[] {
      if (rows.length === 0) return rows;
      const found = idsFor.all(JSON.stringify(rows.map((r) => r.id)), instantOf(now));
      const contactOf = new Map(found.map((f) => [f.answerId, f.id]));
      return rows.map((r) => (contactOf.has(r.id) ? { ...r, contact: contactOf.get(r.id)! } : r));
    },
    replies: (survey: string, n: number, now: Date): ReplyRow[] =>
      replies
        .all(survey, instantOf(now), n)
        .map(({ comment, ...row }) => ({ ...row, ...(comment !== null && { comment }) })),
    /** Inside the withdrawal's transaction, which writes the tombstones and checkpoints: the id of the contact deleted, if any. */
    deleteForAnswer: (answerId: string): string | undefined => deleteForAnswer.get(answerId)?.id,
    /**
     * Deletes the contact `id` (whether there was one) and writes its tombstone, dated `now`,
     * either way: the admin deletes only what was shown, and a batch in flight may still hold it.
     */
    delete(id: string, now: Date): boolean {
      const deleted = deleteAndBury(id, now);
      if (deleted) checkpoint();
      return deleted;
    },
    deleteExpired(now: Date): number {
      const deleted = deleteExpired.run(instantOf(now)).changes;
      if (deleted) checkpoint();
      return deleted;
    },
  };
}
