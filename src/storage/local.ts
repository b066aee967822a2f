import { inRange, syncTransact, type Backend } from './backend.js';

/** Prefix of every outbox key in localStorage (docs/privacy.md). */
export const LOCAL_PREFIX = 'candor:outbox:';

/**
 * The fallback when IndexedDB is missing or broken: one localStorage item per
 * entry. Synchronous underneath; a quota error rejects like IndexedDB's would.
 */
export function localBackend(storage: Storage = localStorage): Backend {
  const read = (key: string) => {
    const raw = storage.getItem(LOCAL_PREFIX + key);
    return raw === null ? undefined : JSON.parse(raw);
  };
  const write = (key: string, value: unknown) => storage.setItem(LOCAL_PREFIX + key, JSON.stringify(value));
  const keys = () => {
    const out: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(LOCAL_PREFIX)) out.push(k.slice(LOCAL_PREFIX.length));
    }
    return out;
  };
  return {
    mode: 'localstorage',
    get: async (key) => read(key),
    set: async (key, value) => write(key, value),
    del: async (list) => list.forEach((k) => storage.removeItem(LOCAL_PREFIX + k)),
    range: async (from, to, limit) =>
      inRange(keys(), from, to, limit).map((k) => {
        // A corrupt item is handed on as its raw text, for the outbox to set aside.
        try {
          return [k, read(k)];
        } catch {
          return [k, storage.getItem(LOCAL_PREFIX + k)];
        }
      }),
    update: async (key, fn) => {
      const value = fn(read(key));
      if (value !== undefined) write(key, value);
      return value;
    },
    count: async (from, to) => inRange(keys(), from, to).length,
    transact: syncTransact(
      (k) => {
        try {
          return read(k);
        } catch {
          return undefined; // corrupt: treated as absent
        }
      },
      write,
      (k) => storage.removeItem(LOCAL_PREFIX + k),
    ),
  };
}
