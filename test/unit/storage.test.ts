import 'fake-indexeddb/auto';
import { IDBFactory, IDBDatabase } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { idbBackend, idbExists, DB_NAME } from '../../src/storage/idb.js';
import { localBackend, LOCAL_PREFIX } from '../../src/storage/local.js';
import { memoryBackend } from '../../src/storage/memory.js';
import { openBackend, OPEN_TIMEOUT_MS } from '../../src/storage/open.js';
import { realTimers } from '../../src/lib/timers.js';
import { createOutbox } from '../../src/outbox.js';
import type { Backend } from '../../src/storage/backend.js';
import { DAY, ENDPOINT, response } from './rig.js';

beforeEach(() => {
  // A fresh IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe.each([
  ['IndexedDB', () => idbBackend()],
  ['localStorage', () => localBackend()],
  ['memory', () => memoryBackend()],
])('%s backend', (_, make) => {
  test('reads a key range in key order, up to a limit', async () => {
    const b: Backend = make();
    for (const k of ['r:3', 'r:1', 'x:1', 'r:2', 'lease']) await b.set(k, { k });
    expect((await b.range('r:', 'r;')).map(([k]) => k)).toEqual(['r:1', 'r:2', 'r:3']);
    expect((await b.range('r:', 'r;', 2)).map(([k]) => k)).toEqual(['r:1', 'r:2']);
    await b.del(['r:2']);
    expect(await b.get('r:2')).toBeUndefined();
    expect(await b.update<number>('count', (n) => (n ?? 0) + 1)).toBe(1);
    expect(await b.update<number>('count', (n) => (n ?? 0) + 1)).toBe(2);
  });
});

describe('storage fault scenarios', () => {
  test('14: indexedDB missing: falls back to localStorage with one warning', async () => {
    (globalThis as { indexedDB?: unknown }).indexedDB = undefined;
    const degraded = vi.fn();
    const b = await openBackend(degraded);
    expect(b.mode).toBe('localstorage');
    expect(degraded).toHaveBeenCalledTimes(1);
    expect(degraded.mock.calls[0]![0]).toBe('localstorage');
  });

  test('14: indexedDB.open throwing: falls back', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const degraded = vi.fn();
    const b = await openBackend(degraded);
    expect(b.mode).toBe('localstorage');
    expect(degraded).toHaveBeenCalledWith('localstorage', 'The operation is insecure.');
  });

  test('14: indexedDB.open hanging: falls back within 3 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(indexedDB, 'open').mockImplementation(() => ({}) as IDBOpenDBRequest); // never settles
    const degraded = vi.fn();
    const opening = openBackend(degraded, realTimers);
    await vi.advanceTimersByTimeAsync(OPEN_TIMEOUT_MS - 1);
    expect(degraded).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect((await opening).mode).toBe('localstorage');
    expect(degraded).toHaveBeenCalledWith('localstorage', `no answer in ${OPEN_TIMEOUT_MS} ms`);
  });

  test('14: neither IndexedDB nor localStorage: memory, still working', async () => {
    (globalThis as { indexedDB?: unknown }).indexedDB = null;
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const degraded = vi.fn();
    const b = await openBackend(degraded);
    expect(b.mode).toBe('memory');
    expect(degraded).toHaveBeenCalledTimes(1);
    const outbox = createOutbox(b);
    await outbox.add(ENDPOINT, response(), Date.now(), DAY);
    expect(await outbox.all()).toHaveLength(1);
  });

  test('15: a connection that is closing is reopened, nothing lost', async () => {
    const b = idbBackend();
    await b.set('r:1', { a: 1 });
    // Close the backend's own connection under it, as Safari sometimes does.
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    await b.get('r:1');
    const db = transaction.mock.contexts.at(-1) as IDBDatabase;
    transaction.mockRestore();
    db.close();
    expect(() => db.transaction('outbox')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    const inner = await (b as unknown as { range: Backend['range'] }).range('r:', 'r;');
    expect(inner).toEqual([['r:1', { a: 1 }]]);
    await b.set('r:2', { a: 2 });
    expect((await b.range('r:', 'r;')).map(([k]) => k)).toEqual(['r:1', 'r:2']);
  });

  test('15: the database deleted mid-session: reopened, and the page writes back what it holds', async () => {
    const lost = vi.fn();
    const b = idbBackend(lost);
    await b.set('r:1', { a: 1 });
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(DB_NAME);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('blocked: the backend did not let go'));
    });
    expect(lost).toHaveBeenCalled();
    await b.set('r:2', { a: 2 });
    expect(await b.get('r:2')).toEqual({ a: 2 });
  });

  test('16: QuotaExceededError: expired rows are purged and the write retried', async () => {
    const b = memoryBackend();
    const outbox = createOutbox(b);
    const old = await outbox.add(ENDPOINT, response(), Date.now() - 8 * DAY, 7 * DAY);
    const transact = b.transact;
    let failures = 1;
    // The record's write (one transaction with the byte total) fails once.
    b.transact = async (keys, fn) => {
      if (keys[0]!.startsWith('r:') && keys.length === 2 && failures-- > 0)
        throw new DOMException('full', 'QuotaExceededError');
      return transact(keys, fn);
    };
    const fresh = await outbox.add(ENDPOINT, response(), Date.now(), 7 * DAY);
    expect((await outbox.all()).map((r) => r.id)).toEqual([fresh.id]);
    expect(old.id).not.toBe(fresh.id);
  });

  test('16: QuotaExceededError that persists: a clear error, nothing stored', async () => {
    const b = memoryBackend();
    const outbox = createOutbox(b);
    b.set = b.transact = async () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    await expect(outbox.add(ENDPOINT, response(), Date.now(), 7 * DAY)).rejects.toMatchObject({
      code: 'StorageFull',
      message: 'the device storage is full; the answer was not stored',
    });
    expect(await outbox.all()).toEqual([]);
  });

  test('idbExists tells whether the outbox database exists, without creating it', async () => {
    expect(await idbExists()).toBe(false);
    expect(await idbExists()).toBe(false);
    await idbBackend().set('x', 1);
    expect(await idbExists()).toBe(true);
  });

  test('the localStorage fallback keeps each entry under the documented prefix', async () => {
    await localBackend().set('r:1', { a: 1 });
    expect(Object.keys(localStorage)).toEqual([`${LOCAL_PREFIX}r:1`]);
  });
});

test('answers an earlier page kept in the localStorage fallback move into IndexedDB once it works', async () => {
  const local = localBackend();
  const outbox = createOutbox(local);
  const kept = await outbox.add(ENDPOINT, response(), Date.now(), DAY);
  await local.set('lease', { tab: 'old', until: 0 });
  const b = await openBackend(() => {});
  expect(b.mode).toBe('indexeddb');
  expect((await createOutbox(b).all()).map((r) => r.id)).toEqual([kept.id]);
  expect(Object.keys(localStorage).filter((k) => k.startsWith(`${LOCAL_PREFIX}r:`))).toEqual([]);
});

test('writing back a record never resurrects one another tab deleted', async () => {
  const b = idbBackend();
  const outbox = createOutbox(b);
  const r = await outbox.add(ENDPOINT, response(), Date.now(), DAY);
  await outbox.remove([r]);
  r.attempts = 3;
  await outbox.save([r]);
  expect(await outbox.all()).toEqual([]);
  expect(await b.range('r:', 'r;')).toEqual([]);
});
