import { dayOf } from '../dates.js';
import { toValues } from './columns.js';
import type { NpsContact, NpsResponse } from './types.js';

// One statement for the whole batch: the rows a tombstone names with their proof (withdrawn before)
// are counted and left out, the others inserted unless their id is there already; with alerts on ($16),
// each detractor stored now gets its alert queued (storage/hooks.ts), in the same statement.
const COLUMN_NAMES = `id, survey, at, score, category, comment, locale, page, device,
  consent_version, segment, sdk, received_on, proof`;
export const INSERT = `WITH batch AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::smallint[], $5::text[], $6::text[],
      $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::text[], $13::date[], $14::text[])
      WITH ORDINALITY AS b(${COLUMN_NAMES}, n)
  ), resent AS (
    SELECT n FROM batch b
    WHERE EXISTS (SELECT 1 FROM tombstones t WHERE t.id = b.id AND t.kind = 'answer' AND t.proof = b.proof)
  ), stored AS (
    INSERT INTO responses (${COLUMN_NAMES})
    SELECT ${COLUMN_NAMES} FROM batch WHERE n NOT IN (SELECT n FROM resent) ORDER BY n
    ON CONFLICT (id) DO NOTHING RETURNING id, category
  ), alerted AS (
    INSERT INTO webhook_queue (key, answer_id, queued_at, next_at)
    SELECT 'alert:' || id, id, $15::bigint, $15::bigint FROM stored WHERE $16::boolean AND category = 'detractor'
    ON CONFLICT DO NOTHING
  )
  SELECT (SELECT count(*) FROM stored)::int AS stored, (SELECT count(*) FROM resent)::int AS resent`;

/** Every id a batch names: its answers', its contacts', and the answers its contacts belong to. */
export const idsOf = (rows: readonly NpsResponse[], contacts: readonly NpsContact[]): string[] => [
  ...rows.map((r) => r.id),
  ...contacts.flatMap((c) => [c.id, c.answerId]),
];

/**
 * The parameters of `INSERT`: one array per column, so a batch's answers are one statement and one
 * round trip; then the alerts' time and whether they are on.
 */
export function paramsOf(rows: readonly NpsResponse[], receivedAt: Date, alerts = false): unknown[] {
  const values = rows.map((r) => toValues(r, dayOf(receivedAt)));
  return [...values[0]!.map((_, i) => values.map((v) => v[i])), receivedAt.getTime(), alerts];
}
