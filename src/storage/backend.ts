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
  /** How many keys lie in `from <= key < to`, without reading a value. */
  count(from: string, to: string): Promise<number>;
  /**
   * Reads `keys`, then applies what `fn` returns, in one step: one readwrite
   * transaction in IndexedDB (all or nothing, atomic across tabs), one
   * synchronous run elsewhere. `fn` must not await.
   */
  transact(keys: string[], fn: (values: unknown[]) => Writes | undefined): Promise<void>;
}

/** What one `transact` writes: entries to put, then keys to delete. */
export interface Writes {
  set?: [string, unknown][];
  del?: string[];
}

/** Runs `transact` on a store whose calls complete synchronously (localStorage, memory). */
export function syncTransact(
  read: (key: string) => unknown,
  write: (key: string, value: unknown) => void,
  remove: (key: string) => void,
) {
  return async (keys: string[], fn: (values: unknown[]) => Writes | undefined) => {
    const writes = fn(keys.map(read));
    writes?.set?.forEach(([k, v]) => write(k, v));
    writes?.del?.forEach(remove);
  };
}

/** Keys between `from` and `to` of a sorted list (for the non-IndexedDB backends). */
export const inRange = (keys: string[], from: string, to: string, limit = Infinity) =>
  keys
    .filter((k) => k >= from && k < to)
    .sort()
    .slice(0, limit);
