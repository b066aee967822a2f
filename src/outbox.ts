import type { Backend } from './storage/backend.js';
import type { NpsResponse } from './response.js';
import { CandorError } from './errors.js';
import { MAX_BATCH, MAX_BATCH_BYTES, MAX_RECORD_BYTES } from './lib/checkResponse.js';

/** One accepted answer waiting for delivery. */
export interface OutboxRecord {
  v: 1;
  id: string;
  /** Where it goes: the endpoint URL it was accepted for, "bridge", or "custom:<survey>". */
  route: string;
  body: NpsResponse;
  /** UTF-8 bytes of the body as JSON. */
  bytes: number;
  createdAt: number;
  /** Each answer keeps the TTL its consent text promised. */
  expiresAt: number;
  /** Failed sends while online. */
  attempts: number;
  nextAt: number;
  lastError?: string;
  /** Sent by beacon (no acknowledgement): kept, and sent again later. */
  beaconedAt?: number;
}

/** Bounds (DESIGN "Outbox and delivery"); the wire's own bounds are shared with the schema. */
export const LIMITS = {
  recordBytes: MAX_RECORD_BYTES,
  records: 500,
  bytes: 2 * 1024 * 1024,
  batch: MAX_BATCH,
  batchBytes: MAX_BATCH_BYTES,
};

/** Upgrades a stored record of an older version; return undefined to set it aside. */
export type Migration = (old: Record<string, unknown>) => OutboxRecord | undefined;

const RECORDS = 'r:';
const ASIDE = 'x:';
const END = (prefix: string) => prefix.slice(0, -1) + ';'; // ';' sorts right after ':'
/** Key order is age order: zero-padded creation time, then the id. */
export const keyOf = (r: Pick<OutboxRecord, 'createdAt' | 'id'>) =>
  `${RECORDS}${String(Math.max(0, Math.floor(r.createdAt))).padStart(15, '0')}:${r.id}`;
const bytesOf = (body: unknown) => new TextEncoder().encode(JSON.stringify(body)).length;

const isRecord = (r: unknown): r is OutboxRecord => {
  const o = r as OutboxRecord;
  return (
    !!o &&
    o.v === 1 &&
    typeof o.id === 'string' &&
    typeof o.route === 'string' &&
    typeof o.body === 'object' &&
    !!o.body &&
    typeof o.createdAt === 'number' &&
    typeof o.expiresAt === 'number' &&
    typeof o.attempts === 'number' &&
    typeof o.nextAt === 'number'
  );
};

/** What one read of the outbox found. */
export interface Scan {
  /** The oldest due records of one route, within the batch bounds. */
  batch: OutboxRecord[];
  /** Records past their TTL: to drop. */
  expired: OutboxRecord[];
  /** When the next record left behind falls due (Infinity if none). */
  next: number;
}

/**
 * The outbox: accepted answers in age order, on whatever backend opened.
 * It never deletes a record by itself except by `remove` (after an
 * acknowledgement or a drop); corrupt entries are set aside, not lost.
 */
export function createOutbox(backend: Backend, migrations: Record<number, Migration> = {}) {
  /** Reads every record, in age order, setting aside what is corrupt and migrating what is old. */
  async function* records(pageSize = 100): AsyncGenerator<OutboxRecord> {
    let from = RECORDS;
    for (;;) {
      const page = await backend.range(from, END(RECORDS), pageSize);
      for (const [key, value] of page) {
        const raw = value as Record<string, unknown> | null;
        let record: OutboxRecord | undefined = isRecord(raw) ? raw : undefined;
        const migrate = raw && typeof raw === 'object' ? migrations[raw.v as number] : undefined;
        if (!record && migrate) {
          record = migrate(raw!);
          if (record && isRecord(record)) await backend.set(key, record);
        }
        if (record && isRecord(record)) yield record;
        else {
          await backend.set(ASIDE + key.slice(RECORDS.length), { raw: value, at: Date.now() });
          await backend.del([key]);
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

  const outbox = {
    backend,
    all,

    /** Set-aside entries (corrupt or unreadable), for `export()`. */
    aside: () => backend.range(ASIDE, END(ASIDE)),

    /**
     * Stores one answer; resolves once the write has committed. Rejects with
     * `RecordTooLarge`, `QueueFull` (after purging expired records) or
     * `StorageFull` (quota, after purging), never evicting another answer.
     */
    async add(route: string, body: NpsResponse, now: number, ttlMs: number): Promise<OutboxRecord> {
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
      };
      const fits = (rows: OutboxRecord[]) =>
        rows.length < LIMITS.records && rows.reduce((sum, r) => sum + r.bytes, bytes) <= LIMITS.bytes;
      let rows = await all();
      if (!fits(rows)) {
        await outbox.remove(rows.filter((r) => r.expiresAt <= now));
        rows = rows.filter((r) => r.expiresAt > now);
        if (!fits(rows)) {
          throw new CandorError('QueueFull', `the outbox is full (${rows.length} answers waiting); nothing was stored`);
        }
      }
      try {
        await backend.set(keyOf(record), record);
      } catch (error) {
        if ((error as DOMException)?.name !== 'QuotaExceededError') throw error;
        await outbox.remove(rows.filter((r) => r.expiresAt <= now));
        try {
          await backend.set(keyOf(record), record);
        } catch {
          throw new CandorError('StorageFull', 'the device storage is full; the answer was not stored');
        }
      }
      return record;
    },

    /**
     * One batch to send: the oldest due records of the first reachable route,
     * at most 50 and 48 KB, plus every expired record met on the way.
     * A clock that went back leaves no record stuck: a wait longer than an hour is due now.
     */
    async scan(now: number, canSend: (route: string) => boolean): Promise<Scan> {
      const batch: OutboxRecord[] = [];
      const expired: OutboxRecord[] = [];
      let bytes = 0;
      let next = Infinity;
      for await (const r of records()) {
        const due = r.nextAt <= now || r.nextAt - now > 3_600_000;
        if (r.expiresAt <= now) expired.push(r);
        else if (!due) next = Math.min(next, r.nextAt);
        else if (canSend(r.route) && (!batch[0] || batch[0].route === r.route)) {
          if (batch.length === LIMITS.batch || bytes + r.bytes > LIMITS.batchBytes) {
            next = now;
            break;
          }
          batch.push(r);
          bytes += r.bytes;
        }
      }
      // Set-aside entries are kept 30 days for inspection (export()), then deleted: they may hold a comment.
      const stale = (await backend.range(ASIDE, END(ASIDE))).filter(
        ([, v]) => !((v as { at?: number })?.at! > now - 30 * 86_400_000),
      );
      if (stale.length) await backend.del(stale.map(([k]) => k));
      return { batch, expired, next };
    },

    /**
     * Writes back changed records (attempts, nextAt, beaconedAt), never bringing back
     * one that is gone: another tab may have delivered it meanwhile.
     */
    save: async (rows: OutboxRecord[]) => {
      for (const r of rows) await backend.update(keyOf(r), (old) => (old ? r : undefined));
    },

    /** Writes records back as they are: after the database was deleted under the page. */
    restore: async (rows: OutboxRecord[]) => {
      for (const r of rows) await backend.set(keyOf(r), r);
    },

    /** Deletes records: only after an acknowledgement, a drop, or `forget()`. */
    remove: (rows: OutboxRecord[]) => (rows.length ? backend.del(rows.map(keyOf)) : Promise.resolve()),
  };
  return outbox;
}

/** The outbox API. */
export type Outbox = ReturnType<typeof createOutbox>;
