import type { Backend } from './storage/backend.js';
import type { NpsResponse } from './response.js';
import type { NpsContact } from './contact.js';
import { CandorError } from './errors.js';
import { MAX_BATCH, MAX_BATCH_BYTES, MAX_RECORD_BYTES } from './lib/checkResponse.js';
import { ASIDE, end, RECORD, recordKey, TOTAL } from './storage/keys.js';
import { rebase, scan, type Scan } from './scan.js';
import { isRecord, type OutboxRecord } from './outboxRecord.js';
import { isQuota } from './lib/isQuota.js';
import { keyOf, keys, outboxWrites, validTotal } from './outboxWrites.js';

export { keyOf } from './outboxWrites.js';
const bytesOf = (body: unknown) => new TextEncoder().encode(JSON.stringify(body)).length;

export type { OutboxRecord } from './outboxRecord.js';
export { MAX_WAIT_MS, type Scan } from './scan.js';

/** Bounds (docs/delivery.md); the wire's own bounds are shared with the schema. */
export const LIMITS = {
  recordBytes: MAX_RECORD_BYTES,
  records: 500,
  bytes: 2 * 1024 * 1024,
  batch: MAX_BATCH,
  batchBytes: MAX_BATCH_BYTES,
};

/** Upgrades a stored record of an older version; return undefined to set it aside. */
export type Migration = (old: Record<string, unknown>) => OutboxRecord | undefined;

/**
 * The outbox: accepted answers in age order, on whatever backend opened.
 * It never deletes a record by itself except by `remove` (after an
 * acknowledgement or a drop); corrupt entries are set aside, not lost. A byte
 * total is kept in the store, written in the same transaction as each record,
 * so the bound check reads a count and one number, never the records.
 */
export function createOutbox(backend: Backend, migrations: Record<number, Migration> = {}) {
  const { put, setAside, remove, replace } = outboxWrites(backend);
  /**
   * Reads records in age order, a page at a time, setting aside what is
   * corrupt and migrating what is old. An entry that can't be set aside now
   * (storage full) is skipped in place, and set aside on a later read.
   */
  async function* records(pageSize = 100): AsyncGenerator<OutboxRecord> {
    let from = RECORD;
    for (;;) {
      const page = await backend.range(from, end(RECORD), pageSize);
      for (const [key, value] of page) {
        const raw = value as Record<string, unknown> | null;
        if (isRecord(raw)) {
          keys.set(raw, key);
          yield raw;
          continue;
        }
        const migrate = raw && typeof raw === 'object' ? migrations[raw.v as number] : undefined;
        const record = migrate?.(raw!);
        try {
          if (record && isRecord(record)) {
            await put(key, record);
            yield record;
          } else await setAside(key, value);
        } catch {
          // Full or failing storage: leave it where it is; the rest still flows.
        }
      }
      if (page.length < pageSize) return;
      from = page[page.length - 1]![0] + '\0';
    }
  }

  const all = async () => {
    const out: OutboxRecord[] = [];
    for await (const r of records()) out.push(r);
    return out;
  };

  /** The byte total, computed once from the records where the store has none yet (an older version wrote them). */
  async function total(): Promise<number> {
    const stored = await backend.get(TOTAL);
    if (validTotal(stored)) return stored;
    let sum = 0;
    for await (const r of records()) sum += r.bytes;
    // Another tab may have set it meanwhile (and counted its own write): keep theirs.
    await backend.update(TOTAL, (old) => (validTotal(old) ? undefined : sum));
    const now = await backend.get(TOTAL);
    return validTotal(now) ? now : sum;
  }

  /** Rewrites records in place (same key), merging `patch(stored)` into what is stored now. */
  const patch = async (
    rows: OutboxRecord[],
    fn: (stored: OutboxRecord, mine: OutboxRecord) => Partial<OutboxRecord>,
  ) => {
    for (const r of rows)
      await backend.update<OutboxRecord>(keyOf(r), (old) => (isRecord(old) ? { ...old, ...fn(old, r) } : undefined));
  };

  const purgeExpired = async (now: number) => remove((await all()).filter((r) => r.expiresAt <= now));

  const outbox = {
    backend,
    all,
    remove,
    replace,

    /** Set-aside entries (corrupt or unreadable), for `export()`. */
    aside: () => backend.range(ASIDE, end(ASIDE)),

    /** How many records, and their bytes, without reading a record. */
    usage: async () => ({ records: await backend.count(RECORD, end(RECORD)), bytes: await total() }),

    /**
     * Stores one answer or contact (and `also`, its receipt, in the same
     * transaction; `survey` for a contact, whose body does not name it);
     * resolves once the write has committed. Rejects with a
     * `CandorError`: `RecordTooLarge`, `QueueFull` (after purging expired
     * records), `StorageFull` (quota, after purging) or `StorageFailed`
     * (storage threw otherwise) — never evicting another answer.
     */
    async add(
      route: string,
      body: NpsResponse | NpsContact,
      now: number,
      ttlMs: number,
      { also, survey }: { also?: [string, unknown] | undefined; survey?: string } = {},
    ): Promise<OutboxRecord> {
      const bytes = bytesOf(body);
      if (bytes > LIMITS.recordBytes) {
        throw new CandorError(
          'RecordTooLarge',
          `the answer is ${bytes} bytes; at most ${LIMITS.recordBytes} fit in one record`,
        );
      }
      const record: OutboxRecord = {
        v: 1,
        id: body.id,
        route,
        body,
        bytes,
        createdAt: now,
        expiresAt: now + ttlMs,
        attempts: 0,
        nextAt: now,
        ...(survey ? { survey } : {}),
      };
      const key = recordKey(now, body.id);
      const fits = async () => {
        const { records: n, bytes: used } = await outbox.usage();
        return n < LIMITS.records && used + bytes <= LIMITS.bytes ? undefined : n;
      };
      try {
        if ((await fits()) !== undefined) {
          await purgeExpired(now);
          const n = await fits();
          if (n !== undefined)
            throw new CandorError('QueueFull', `the outbox is full (${n} answers waiting); nothing was stored`);
        }
        try {
          await put(key, record, false, also);
        } catch (error) {
          if (!isQuota(error)) throw error;
          await purgeExpired(now);
          await put(key, record, false, also);
        }
      } catch (error) {
        if (error instanceof CandorError) throw error;
        if (isQuota(error))
          throw new CandorError('StorageFull', 'the device storage is full; the answer was not stored');
        const why = (error as Error)?.message || String(error);
        throw new CandorError('StorageFailed', `the device storage failed (${why}); the answer was not stored`);
      }
      return record;
    },

    /** One batch to send, and the expired records met on the way (src/scan.ts). */
    scan: (now: number, canSend: (route: string) => boolean): Promise<Scan> =>
      scan({ backend, records, patch }, now, canSend),

    /** Moves what was stored before a forward clock jump with it (src/scan.ts). */
    rebase: (from: number, by: number, now: number) => rebase({ all, patch }, from, by, now),

    /**
     * Writes back a failed try (attempts, nextAt, lastError) into what is
     * stored now, never bringing back a record that is gone: another tab may
     * have delivered it meanwhile.
     */
    save: (rows: OutboxRecord[]) =>
      patch(rows, (_, r) => ({
        attempts: r.attempts,
        nextAt: r.nextAt,
        ...(r.lastError ? { lastError: r.lastError } : {}),
      })),

    /** Marks records as sent by beacon, keeping their stored delivery state. */
    beaconed: (rows: OutboxRecord[], at: number) => patch(rows, () => ({ beaconedAt: at })),

    /** Writes records back where they are missing: after the database was deleted under the page. */
    restore: async (rows: OutboxRecord[]) => {
      for (const r of rows) await put(keyOf(r), r, true);
    },
  };
  return outbox;
}

/** The outbox API. */
export type Outbox = ReturnType<typeof createOutbox>;
