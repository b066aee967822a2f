import { createStore, delMany, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { Backend } from './backend.js';

/** The IndexedDB database and object store of the outbox (docs/privacy.md). */
export const DB_NAME = 'candor';
export const STORE_NAME = 'outbox';

/**
 * The outbox in IndexedDB through idb-keyval. The database is opened on first
 * use, never before. A connection that is closing, or was closed because the
 * database was deleted, is reopened once per operation; `onLost` hears that
 * the database went away, so what the page still holds can be written back.
 */
export function idbBackend(onLost?: () => void): Backend {
  let inner = createStore(DB_NAME, STORE_NAME);
  const watched = new WeakSet<IDBDatabase>();
  const store: UseStore = (mode, callback) => {
    const run = () =>
      inner(mode, (s) => {
        const db = s.transaction.db;
        if (!watched.has(db)) {
          watched.add(db);
          // Deleted by another tab or by "clear site data": let it go, then write back.
          db.addEventListener('versionchange', () => {
            db.close();
            inner = createStore(DB_NAME, STORE_NAME);
            onLost?.();
          });
          db.addEventListener('close', () => onLost?.());
        }
        return callback(s);
      });
    return run().catch((error: DOMException) => {
      if (error?.name !== 'InvalidStateError') throw error;
      inner = createStore(DB_NAME, STORE_NAME);
      return run();
    });
  };
  return {
    mode: 'indexeddb',
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (keys) => delMany(keys, store),
    range: (from, to, limit = Infinity) =>
      store('readonly', (s) => {
        const out: [string, unknown][] = [];
        const request = s.openCursor(IDBKeyRange.bound(from, to, false, true));
        return new Promise((resolve, reject) => {
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const cursor = request.result;
            if (!cursor || out.length >= limit) return resolve(out);
            out.push([cursor.key as string, cursor.value]);
            cursor.continue();
          };
        });
      }),
    // Like idb-keyval's update(), but writes nothing when fn returns undefined.
    update: <T>(key: string, fn: (old: T | undefined) => T | undefined) =>
      store('readwrite', (s) => {
        let value: T | undefined;
        s.get(key).onsuccess = function () {
          value = fn(this.result);
          if (value !== undefined) s.put(value, key);
        };
        return promisifyRequest(s.transaction).then(() => value);
      }),
    count: (from, to) => store('readonly', (s) => promisifyRequest(s.count(IDBKeyRange.bound(from, to, false, true)))),
    transact: (keys, fn) =>
      store('readwrite', (s) => {
        const values: unknown[] = [];
        let left = keys.length;
        const apply = () => {
          const writes = fn(values);
          writes?.set?.forEach(([k, v]) => s.put(v, k));
          writes?.del?.forEach((k) => s.delete(k));
        };
        if (!left) apply();
        keys.forEach((key, i) => {
          s.get(key).onsuccess = function () {
            values[i] = this.result;
            if (!--left) apply();
          };
        });
        return promisifyRequest(s.transaction).then(() => undefined);
      }),
  };
}

/** Whether this origin has an outbox database, without creating one. */
export async function idbExists(): Promise<boolean | undefined> {
  if (typeof indexedDB === 'undefined' || !indexedDB?.databases) return undefined;
  // An opaque origin (a sandboxed frame) has no IndexedDB; asking anyway, from a module, leaves an
  // unhandled rejection in Chromium besides the SecurityError caught below.
  if (globalThis.origin === 'null') return false;
  try {
    return (await indexedDB.databases()).some((db) => db.name === DB_NAME);
  } catch {
    return undefined;
  }
}
