import type Database from 'better-sqlite3';
import { alertKey, earliest, keyRange, type AlertAnswer, type HookJob, type HookQueue } from './hooks.js';

/**
 * The webhook queue's table (storage/hooks.ts). `lease_until` is when the instance that took a job
 * lets it go; `done_at` marks a digest sent (an alert's row is deleted instead). Created at every
 * open (IF NOT EXISTS), so older databases get it too.
 */
export const SQLITE_HOOKS_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_queue (
  key TEXT PRIMARY KEY,
  answer_id TEXT,
  queued_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  lease_until INTEGER NOT NULL DEFAULT 0,
  done_at INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS webhook_queue_due ON webhook_queue (next_at) WHERE done_at IS NULL;
CREATE INDEX IF NOT EXISTS webhook_queue_queued_at ON webhook_queue (queued_at);
`;

/** The queue's statements on `db`, prepared once; `alert` runs inside the insert's transaction. */
export function sqliteHooks(
  db: Database.Database,
): HookQueue & { alert(answerId: string, at: number): void; forget(answerId: string): void } {
  const enqueue = db.prepare<[string, string | null, number, number]>(
    'INSERT INTO webhook_queue (key, answer_id, queued_at, next_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const lease = db.prepare<[number, string, string, number, number, number], HookJob>(
    `UPDATE webhook_queue SET lease_until = ? WHERE key IN (
       SELECT key FROM webhook_queue WHERE key >= ? AND key < ? AND done_at IS NULL AND next_at <= ? AND lease_until <= ?
       ORDER BY next_at, key LIMIT ?)
     RETURNING key, answer_id AS answerId, attempts, next_at AS due, queued_at AS queuedAt`,
  );
  const done = db.prepare<[number, string]>(
    "UPDATE webhook_queue SET done_at = ?, lease_until = 0 WHERE key = ? AND key LIKE 'digest:%'",
  );
  const drop = db.prepare<[string]>("DELETE FROM webhook_queue WHERE key = ? AND key NOT LIKE 'digest:%'");
  const retry = db.prepare<[number, string, number]>(
    'UPDATE webhook_queue SET attempts = attempts + 1, next_at = ?, lease_until = 0 WHERE key = ? AND lease_until = ?',
  );
  const answer = db.prepare<[string], AlertAnswer & { comment: string | null }>(
    'SELECT id, survey, at, score, category, comment, locale, page FROM responses WHERE id = ?',
  );
  const deleteBefore = db.prepare<[number]>('DELETE FROM webhook_queue WHERE queued_at < ?');
  const forget = db.prepare<[string]>('DELETE FROM webhook_queue WHERE key = ?');
  return {
    alert: (answerId, at) => void enqueue.run(alertKey(answerId), answerId, at, at),
    // In the withdrawal's transaction: the alert of an answer taken back goes with it.
    forget: (answerId) => void forget.run(alertKey(answerId)),
    enqueue: async (key, at) => enqueue.run(key, null, at, at).changes === 1,
    // One statement: the jobs are chosen and held at once (one connection runs it to its end).
    lease: async (kind, now, until, limit) => lease.all(until, ...keyRange(kind), now, now, limit).sort(earliest),
    async finish(key, now) {
      done.run(now, key);
      drop.run(key);
    },
    retry: async (key, at, heldUntil) => void retry.run(at, key, heldUntil),
    async answer(id) {
      const row = answer.get(id);
      if (!row) return undefined;
      const { comment, ...rest } = row;
      return { ...rest, ...(comment !== null && { comment }) };
    },
    deleteBefore: async (at) => deleteBefore.run(at).changes,
  };
}
