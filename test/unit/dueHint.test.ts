import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DUE_KEY, markDue, nextDue, readDue, settleDue, snapshotDue } from '../../src/dueHint.js';
import { memoryBackend } from '../../src/storage/memory.js';
import { createOutbox } from '../../src/outbox.js';
import { ASIDE, PAUSE, RECEIPT } from '../../src/storage/keys.js';

// The due hint: what the script-tag loader reads on every page view to know, without opening
// IndexedDB, whether stored answers, withdrawals or receipts need the rest of Candor.

const DAY = 86_400_000;
const T = 1_800_000_000_000;
const body = (id: string) => ({ v: 1, id, survey: 'home', score: 9 }) as never;

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers({ now: T, toFake: ['Date'] });
});
afterEach(() => vi.useRealTimers());

describe('what the loader reads', () => {
  test('nothing stored: null; a time: that time; anything unreadable: due now (0)', () => {
    expect(readDue()).toBe(null);
    localStorage.setItem(DUE_KEY, `${T + 5000},${T}`);
    expect(readDue()).toBe(T + 5000);
    localStorage.setItem(DUE_KEY, 'garbage');
    expect(readDue()).toBe(0);
  });
});

describe('writes that store something mark it first', () => {
  test('an answer added to the outbox marks "due now" before its write, and the earliest time wins', async () => {
    const backend = memoryBackend();
    const seen: (string | null)[] = [];
    const transact = backend.transact;
    // What the hint said when the write itself ran: already marked.
    backend.transact = (keys, fn) => (seen.push(localStorage.getItem(DUE_KEY)), transact(keys, fn));
    localStorage.setItem(DUE_KEY, `${T + DAY},${T - DAY}`);
    await createOutbox(backend).add('https://collect.example/v1', body('a'), T, 7 * DAY);
    expect(seen[seen.length - 1]).toBe(`${T},${T}`);
    expect(readDue()).toBe(T);
  });

  test('a queued withdrawal (replace with added records) marks too; a pure delete does not', async () => {
    const outbox = createOutbox(memoryBackend());
    const record = await outbox.add('https://collect.example/v1', body('a'), T, 7 * DAY);
    localStorage.clear();
    await outbox.replace([record], []);
    expect(readDue()).toBe(null);
    await outbox.replace([], [{ ...record, id: 'w', nextAt: T + 10 }]);
    expect(readDue()).toBe(T + 10);
  });
});

describe('when the store is next due', () => {
  test('the earliest of records (held back by their route pause, never past expiry), receipts and set-aside entries', async () => {
    const backend = memoryBackend();
    expect(await nextDue(backend)).toBe(Infinity);
    const outbox = createOutbox(backend);
    const r = await outbox.add('https://a.example/v1', body('a'), T, 7 * DAY);
    expect(await nextDue(backend)).toBe(T);
    await backend.set(`${PAUSE}https://a.example/v1`, T + 60_000);
    expect(await nextDue(backend)).toBe(T + 60_000);
    await outbox.remove([r]);
    await backend.set(`${RECEIPT}x`, { expiresAt: T + 3 * DAY });
    await backend.set(`${ASIDE}y`, { raw: '?', at: T - 29 * DAY });
    expect(await nextDue(backend)).toBe(T + DAY);
  });
});

describe('settling after a pass over the whole store', () => {
  test("this page's own committed write: the pass settles it (an empty store removes the hint)", async () => {
    const backend = memoryBackend();
    const outbox = createOutbox(backend);
    const r = await outbox.add('https://a.example/v1', body('a'), T, 7 * DAY);
    const before = snapshotDue();
    await outbox.remove([r]);
    await settleDue(backend, before, Date.now());
    expect(localStorage.getItem(DUE_KEY)).toBe(null);
  });

  test('a later time is written when something waits (a receipt to delete)', async () => {
    const backend = memoryBackend();
    markDue(T)();
    await backend.set(`${RECEIPT}x`, { expiresAt: T + 3 * DAY });
    await settleDue(backend, snapshotDue(), Date.now());
    expect(readDue()).toBe(T + 3 * DAY);
  });

  test('a write of this page still in flight: the hint stays', async () => {
    const backend = memoryBackend();
    const done = markDue(T);
    await settleDue(backend, snapshotDue(), Date.now());
    expect(readDue()).toBe(T);
    done();
    await settleDue(backend, snapshotDue(), Date.now());
    expect(readDue()).toBe(null);
  });

  test("another tab's mark of less than a minute before the pass: its write may not have committed, so the hint stays", async () => {
    const backend = memoryBackend();
    localStorage.setItem(DUE_KEY, `${T},${T - 30_000}`);
    await settleDue(backend, snapshotDue(), Date.now());
    expect(localStorage.getItem(DUE_KEY)).toBe(`${T},${T - 30_000}`);
    localStorage.setItem(DUE_KEY, `${T},${T - 61_000}`);
    await settleDue(backend, snapshotDue(), Date.now());
    expect(localStorage.getItem(DUE_KEY)).toBe(null);
  });

  test('another tab marked during the pass: the hint it wrote stays', async () => {
    const backend = memoryBackend();
    localStorage.setItem(DUE_KEY, `${T},${T - DAY}`);
    const before = snapshotDue();
    const range = backend.range;
    // The other tab writes while this pass reads the store.
    backend.range = (...args) => (localStorage.setItem(DUE_KEY, `${T + 5},${T}`), range(...args));
    await settleDue(backend, before, Date.now());
    expect(localStorage.getItem(DUE_KEY)).toBe(`${T + 5},${T}`);
  });
});
