import { inRange, syncTransact, type Backend } from './backend.js';

/** The last resort: entries live as long as the page. */
export function memoryBackend(): Backend {
  const map = new Map<string, unknown>();
  // Values are copied in and out, as a real store would, so callers can't share mutations.
  const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
  return {
    mode: 'memory',
    get: async (key) => copy(map.get(key)),
    set: async (key, value) => void map.set(key, copy(value)),
    del: async (keys) => keys.forEach((k) => map.delete(k)),
    range: async (from, to, limit) => inRange([...map.keys()], from, to, limit).map((k) => [k, copy(map.get(k))]),
    update: async (key, fn) => {
      const value = fn(copy(map.get(key)) as never);
      if (value !== undefined) map.set(key, copy(value));
      return value;
    },
    count: async (from, to) => inRange([...map.keys()], from, to).length,
    transact: syncTransact(
      (k) => copy(map.get(k)),
      (k, v) => map.set(k, copy(v)),
      (k) => map.delete(k),
    ),
  };
}
