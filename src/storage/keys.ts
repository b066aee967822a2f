/**
 * The outbox's key layout, in one place: every entry of the store (IndexedDB
 * `candor`/`outbox`, or the fallbacks) lives under one of these keys. Records
 * sort by key in age order, so a cursor reads the oldest first.
 */

/** Accepted answers: `r:<createdAt, 15 digits>:<id>`. */
export const RECORD = 'r:';
/** Entries set aside as unreadable (kept 30 days for `export()`): `x:` + the record key's tail. */
export const ASIDE = 'x:';
/**
 * Receipts of answers that can be taken back (config `withdraw`): `k:<id>` →
 * what was sent, where, and the deletion secret; kept `withdraw.days` after
 * delivery (docs/privacy.md).
 */
export const RECEIPT = 'k:';
/** A route's Retry-After pause, shared by every tab: `p:<route>` → until (ms). */
export const PAUSE = 'p:';
/** The delivering tab's claim: `{ tab, until }`. */
export const LEASE = 'lease';
/** The UTF-8 bytes of every record, kept with each write (the 2 MB bound reads no record). */
export const TOTAL = 'total';
/** The probe key written and deleted when storage is opened. */
export const PROBE = 'probe';

/** The end of a prefix's key range: ';' sorts right after ':'. */
export const end = (prefix: string) => prefix.slice(0, -1) + ';';

/** The key of a new record: key order is age order. */
export const recordKey = (createdAt: number, id: string) =>
  `${RECORD}${String(Math.max(0, Math.floor(createdAt))).padStart(15, '0')}:${id}`;

/** Where an unreadable record under `key` is set aside. */
export const asideKey = (key: string) => ASIDE + key.slice(RECORD.length);
