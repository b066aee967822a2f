import type pg from 'pg';
import { addTombstones, lockIds } from './postgresTombstones.js';
import { sameProof } from './sameProof.js';
import type { Withdrawal } from './types.js';

/**
 * Inside a transaction: deletes the answer `id` and its contact if `proof` is
 * the answer's, and leaves tombstones so a copy delivered again stays out.
 */
export async function postgresWithdraw(
  client: pg.ClientBase,
  id: string,
  proof: string,
  now: Date,
): Promise<Withdrawal> {
  // Until the end: a batch storing this id, or a withdrawal of it, at the same moment waits (or is waited for).
  await lockIds(client, [id], 'exclusive');
  const { rows } = await client.query<{ proof: string | null }>('SELECT proof FROM responses WHERE id = $1', [id]);
  if (rows[0] && !sameProof(rows[0].proof, proof)) return { outcome: 'refused', contact: false };
  // Unknown (not arrived yet, or withdrawn already) or deleted now: either way this proof's copy stays out.
  if (!rows[0]) {
    await addTombstones(client, [{ kind: 'answer', id, proof }], now);
    return { outcome: 'unknown', contact: false };
  }
  await client.query('DELETE FROM responses WHERE id = $1', [id]);
  // Its alert, if one waits, goes with it (storage/hooks.ts).
  await client.query('DELETE FROM webhook_queue WHERE key = $1', [`alert:${id}`]);
  const contact = await client.query<{ id: string }>(
    'DELETE FROM contacts WHERE answer_id = $1 RETURNING id::text AS id',
    [id],
  );
  const gone = contact.rows[0]?.id;
  await addTombstones(
    client,
    [{ kind: 'answer', id, proof }, ...(gone ? [{ kind: 'contact' as const, id: gone, proof: '' }] : [])],
    now,
  );
  return { outcome: 'deleted', contact: gone !== undefined };
}
