/** Where the outbox keeps its entries: IndexedDB, else localStorage, else memory. */
export type StorageMode = 'indexeddb' | 'localstorage' | 'memory';

/**
 * A small ordered key-value store. Keys sort as strings; `range` reads in key
 * order with a cursor, so a flush touches only the entries it asks for.
 */
export interface Backend {
  readonly mode: StorageMode;
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(keys: string[]): Promise<void>;
  /** Entries with `from <= key < to`, in key order, at most `limit`. */
  range(from: string, to: string, limit?: number): Promise<[string, unknown][]>;
  /**
   * Reads `key` and writes `fn(old)` in one step: atomic across tabs in
   * IndexedDB (one readwrite transaction), best effort elsewhere. When `fn`
   * returns undefined nothing is written.
   */
  update<T>(key: string, fn: (old: T | undefined) => T | undefined): Promise<T | undefined>;
}

/** Keys between `from` and `to` of a sorted list (for the non-IndexedDB backends). */
export const inRange = (keys: string[], from: string, to: string, limit = Infinity) =>
  keys
    .filter((k) => k >= from && k < to)
    .sort()
    .slice(0, limit);
