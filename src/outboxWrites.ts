import type { Backend } from './storage/backend.js';
import type { OutboxRecord } from './outboxRecord.js';
import { asideKey, recordKey, TOTAL } from './storage/keys.js';
import { markDue } from './dueHint.js';

// The outbox's writes: each moves the stored byte total in the same
// transaction as the records it writes or deletes, so the total never drifts.

// The key each record was read (or written) under: deletes and rewrites use it,
// whatever its fields say now (a migrated record, another version's key format).
export const keys = new WeakMap<object, string>();
/** The key a record lives under. */
export const keyOf = (r: Pick<OutboxRecord, 'createdAt' | 'id'>) => keys.get(r) ?? recordKey(r.createdAt, r.id);
/** The bytes a stored value counts for in the total (0 for anything that is not a record). */
export const sizeOf = (value: unknown) => {
  const bytes = (value as OutboxRecord | undefined)?.bytes;
  return Number.isFinite(bytes) && bytes! >= 0 ? bytes! : 0;
};
/** Whether a stored total is usable (else it is recomputed from the records). */
export const validTotal = (t: unknown): t is number => Number.isFinite(t) && (t as number) >= 0;

/** The outbox's writes on `backend`. */
export function outboxWrites(backend: Backend) {
  /** Writes `record` under `key` and moves the byte total by the difference, in one transaction. */
  // Each write that stores something to send marks the due hint before it begins (src/dueHint.ts).
  const put = (key: string, record: OutboxRecord, onlyIfAbsent?: boolean, also?: [string, unknown]) => {
    const marked = markDue(record.nextAt);
    return backend
      .transact([key, TOTAL], ([old, total]) => {
        if (onlyIfAbsent && old !== undefined) return undefined;
        keys.set(record, key);
        const set: [string, unknown][] = [[key, record]];
        if (also) set.push(also);
        if (validTotal(total)) set.push([TOTAL, total + record.bytes - sizeOf(old)]);
        return { set };
      })
      .finally(marked);
  };

  /** Moves an unreadable entry out of the queue; its bytes leave the total. */
  const setAside = (key: string, raw: unknown) =>
    backend.transact([key, TOTAL], ([old, total]) => ({
      set: [
        [asideKey(key), { raw, at: Date.now() }],
        ...(validTotal(total) ? [[TOTAL, Math.max(0, total - sizeOf(old))] as [string, unknown]] : []),
      ],
      del: [key],
    }));

  const remove = async (rows: OutboxRecord[]) => {
    if (!rows.length) return;
    const list = [...new Set(rows.map(keyOf))];
    await backend.transact([...list, TOTAL], (values) => {
      const total = values.pop();
      const gone = values.reduce((sum: number, v) => sum + sizeOf(v), 0);
      return {
        del: list,
        ...(validTotal(total) ? { set: [[TOTAL, Math.max(0, total - gone)] as [string, unknown]] } : {}),
      };
    });
  };

  /**
   * In one transaction: deletes `gone` records, writes `added` records (no
   * bound applies: a withdrawal must always be queued) and the `also` entries,
   * deletes the `drop` keys, and moves the byte total. An added record that
   * exists already is kept as it is.
   */
  const replace = async (
    gone: OutboxRecord[],
    added: OutboxRecord[],
    also: [string, unknown][] = [],
    drop: string[] = [],
  ) => {
    const del = [...new Set(gone.map(keyOf))];
    const marked = added.length ? markDue(Math.min(...added.map((r) => r.nextAt))) : () => {};
    const put = added.map((r): [string, OutboxRecord] => [recordKey(r.createdAt, r.id), r]);
    try {
      await backend.transact([...del, ...put.map(([k]) => k), TOTAL], (values) => {
        const total = values.pop();
        const old = values.splice(del.length);
        const fresh = put.filter((_, i) => old[i] === undefined);
        const bytes =
          fresh.reduce((sum, [, r]) => sum + r.bytes, 0) - values.reduce((sum: number, v) => sum + sizeOf(v), 0);
        fresh.forEach(([k, r]) => keys.set(r, k));
        return {
          set: [
            ...fresh,
            ...also,
            ...(validTotal(total) ? [[TOTAL, Math.max(0, total + bytes)] as [string, unknown]] : []),
          ],
          del: [...del, ...drop],
        };
      });
    } finally {
      marked();
    }
  };

  return { put, setAside, remove, replace };
}
