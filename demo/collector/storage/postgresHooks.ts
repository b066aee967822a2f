import type pg from 'pg';
import { earliest, keyRange, type AlertAnswer, type HookJob, type HookQueue } from './hooks.js';

/**
 * The webhook queue's table (storage/hooks.ts), part of the schema run at every open. Times are
 * milliseconds since the epoch (bigint), from the collectors' clocks.
 */
export const POSTGRES_HOOKS_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_queue (
  key text PRIMARY KEY,
  answer_id uuid,
  queued_at bigint NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_at bigint NOT NULL,
  lease_until bigint NOT NULL DEFAULT 0,
  done_at bigint
);
CREATE INDEX IF NOT EXISTS webhook_queue_due ON webhook_queue (next_at) WHERE done_at IS NULL;
CREATE INDEX IF NOT EXISTS webhook_queue_queued_at ON webhook_queue (queued_at);
`;

/**
 * Jobs due and free, held at once: rows another instance is taking at this moment are skipped, not
 * waited for, and one taken is not free any more when the other looks again. So two instances
 * never hold one job (until its lease ends).
 */
const LEASE = `UPDATE webhook_queue q SET lease_until = $2
  FROM (SELECT key FROM webhook_queue
        WHERE key >= $4 AND key < $5 AND done_at IS NULL AND next_at <= $1 AND lease_until <= $1
        ORDER BY next_at, key LIMIT $3 FOR UPDATE SKIP LOCKED) due
  WHERE q.key = due.key
  RETURNING q.key, q.answer_id::text AS "answerId", q.attempts, q.next_at::float8 AS due, q.queued_at::float8 AS "queuedAt"`;

const AT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** The queue on `pool`; alerts are enqueued by the insert statement itself (postgres.ts). */
export function postgresHooks(pool: pg.Pool): HookQueue {
  return {
    async enqueue(key, at) {
      const { rowCount } = await pool.query(
        'INSERT INTO webhook_queue (key, queued_at, next_at) VALUES ($1, $2, $2) ON CONFLICT DO NOTHING',
        [key, at],
      );
      return rowCount === 1;
    },
    async lease(kind, now, until, limit) {
      return (await pool.query<HookJob>(LEASE, [now, until, limit, ...keyRange(kind)])).rows.sort(earliest);
    },
    async finish(key, now) {
      // A digest is kept (done); an alert goes.
      await pool.query(
        `WITH done AS (UPDATE webhook_queue SET done_at = $2, lease_until = 0 WHERE key = $1 AND key LIKE 'digest:%')
         DELETE FROM webhook_queue WHERE key = $1 AND key NOT LIKE 'digest:%'`,
        [key, now],
      );
    },
    async retry(key, at, heldUntil) {
      await pool.query(
        'UPDATE webhook_queue SET attempts = attempts + 1, next_at = $2, lease_until = 0 WHERE key = $1 AND lease_until = $3',
        [key, at, heldUntil],
      );
    },
    async answer(id) {
      const { rows } = await pool.query<AlertAnswer & { comment: string | null }>(
        `SELECT id::text AS id, survey, ${AT} AS at, score, category, comment, locale, page
         FROM responses WHERE id = $1::uuid`,
        [id],
      );
      if (!rows[0]) return undefined;
      const { comment, ...rest } = rows[0];
      return { ...rest, ...(comment !== null && { comment }) };
    },
    async deleteBefore(at) {
      return (await pool.query('DELETE FROM webhook_queue WHERE queued_at < $1', [at])).rowCount ?? 0;
    },
  };
}
