import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DAY, ENDPOINT, rig, response, TTL } from './rig.js';
import { createClock } from '../../src/lib/clock.js';
import { createOutbox, keyOf } from '../../src/outbox.js';
import { memoryBackend } from '../../src/storage/memory.js';
import type { Backend } from '../../src/storage/backend.js';
import { BUSY, LEASE_MS, lead } from '../../src/lib/lead.js';

// "Loses nothing": retryable failures never drop an answer before its TTL,
// stored times from a wrong clock never make the flusher spin or stall, a
// failed flush re-arms itself, and corrupt entries never block the rest.
// Time is faked: hours pass in milliseconds.

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2026, 10, 22, 9) }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const ok = { status: 200 };
const HOUR = 3_600_000;
const MIN = 60_000;

/** A backend that counts its calls (to tell a busy loop from a quiet wait). */
function counting(inner: Backend = memoryBackend()) {
  const calls = { range: 0 };
  const backend: Backend = {
    ...inner,
    mode: inner.mode,
    range: (...args) => (calls.range++, inner.range(...args)),
  };
  return { backend, calls };
}

describe('retention is time, not a count', () => {
  test('an answer given before a 6-hour outage of 503s (no Retry-After) arrives when the collector recovers', async () => {
    const start = Date.now();
    const r = rig(() => (Date.now() - start < 6 * HOUR ? { status: 503 } : ok));
    const [a] = await r.add(1);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(7 * HOUR);
    expect(r.dropped).toEqual([]);
    expect(r.delivered).toEqual([a!.id]);
    expect(await r.outbox.all()).toEqual([]);
  });

  test('backoff waits at most 10 min in the first hour and at most 30 min after it', async () => {
    const r = rig(() => ({ status: 500 }));
    const [a] = await r.add(1);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(2 * DAY);
    expect(r.dropped).toEqual([]);
    const created = a!.createdAt;
    for (let n = 1; n < r.calls.length; n++) {
      const wait = r.calls[n]!.at - r.calls[n - 1]!.at;
      const cap = r.calls[n - 1]!.at - created < HOUR ? 10 * MIN : 30 * MIN;
      expect(wait).toBeLessThanOrEqual(cap + 1);
    }
    // After the first hour the waits do reach the 30-minute cap's jitter range.
    expect(r.calls.at(-1)!.at - r.calls.at(-2)!.at).toBeGreaterThan(10 * MIN);
  });

  test('the answer is dropped as expired only once its TTL has passed', async () => {
    const r = rig(() => ({ status: 500 }));
    const [a] = await r.add(1);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(TTL - HOUR);
    expect(r.dropped).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(r.dropped).toEqual([[a!.id, 'expired']]);
  });
});

describe('no busy loop and no long stall from a far-future time', () => {
  test('a stored pause ten years ahead: no spin, delivered within an hour, the stale pause deleted', async () => {
    const { backend, calls } = counting();
    await backend.set(`p:${ENDPOINT}`, Date.now() + 3650 * DAY);
    const r = rig(() => ok, backend);
    r.state.online = true;
    const [a] = await r.add(1);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.range).toBeLessThan(20);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(r.delivered).toEqual([a!.id]);
    expect(await backend.get(`p:${ENDPOINT}`)).toBeUndefined();
  });

  test('a pause in the past is deleted', async () => {
    const backend = memoryBackend();
    await backend.set(`p:${ENDPOINT}`, Date.now() - 1000);
    const r = rig(() => ok, backend);
    await r.add(1);
    await r.flusher.flush();
    expect(await backend.get(`p:${ENDPOINT}`)).toBeUndefined();
  });

  test('a lease ten years ahead (no Web Locks) is taken over within 30 s', async () => {
    const { backend, calls } = counting();
    await backend.set('lease', { tab: 'skewed', until: Date.now() + 3650 * DAY });
    const r = rig(() => ok, backend);
    const [a] = await r.add(1);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(LEASE_MS);
    expect(r.delivered).toEqual([a!.id]);
    expect(calls.range).toBeLessThan(20);
  });

  test('a record whose nextAt is ten years ahead is due now, without a spin', async () => {
    const { backend, calls } = counting();
    const r = rig(() => ok, backend);
    const [a] = await r.add(1);
    await backend.set(keyOf(a!), { ...a!, nextAt: Date.now() + 3650 * DAY });
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(r.delivered).toEqual([a!.id]);
    expect(calls.range).toBeLessThan(20);
  });

  test('no delay handed to a timer is over an hour', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const backend = memoryBackend();
    await backend.set(`p:${ENDPOINT}`, Date.now() + 50 * DAY);
    const r = rig(() => ({ status: 503 }), backend);
    await r.add(1);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    const delays = spy.mock.calls.map((c) => c[1] ?? 0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(HOUR);
  });
});

describe('a failed flush re-arms itself', () => {
  test('a storage read that throws once: the next try comes by itself and delivers', async () => {
    const inner = memoryBackend();
    let fail = false;
    const backend: Backend = {
      ...inner,
      mode: inner.mode,
      range: (...args) =>
        fail ? ((fail = false), Promise.reject(new DOMException('boom', 'UnknownError'))) : inner.range(...args),
    };
    const r = rig(() => ok, backend);
    const [a] = await r.add(1);
    fail = true;
    await r.flusher.flush();
    expect(r.delivered).toEqual([]);
    expect(r.errors.join()).toContain('boom');
    await vi.advanceTimersByTimeAsync(MIN);
    expect(r.delivered).toEqual([a!.id]);
  });

  test('a corrupt record that cannot be set aside (storage full) is skipped, and the rest flows', async () => {
    const inner = memoryBackend();
    let full = true;
    const backend: Backend = {
      ...inner,
      mode: inner.mode,
      set: (key, value) =>
        full && key.startsWith('x:')
          ? Promise.reject(new DOMException('full', 'QuotaExceededError'))
          : inner.set(key, value),
    };
    const r = rig(() => ok, backend);
    await inner.set(keyOf({ createdAt: 1, id: 'broken' }), { v: 1, id: 'broken', garbage: true });
    const [a, b] = await r.add(2);
    await r.flusher.flush();
    expect(r.delivered).toEqual([a!.id, b!.id]);
    // Set aside later, once storage has room.
    full = false;
    await r.add(1);
    await r.flusher.flush();
    expect((await r.outbox.aside()).map(([k]) => k)).toEqual([`x:${keyOf({ createdAt: 1, id: 'broken' }).slice(2)}`]);
  });

  test('add() on a full device rejects with StorageFull, never a raw DOMException, even when purging fails too', async () => {
    const inner = memoryBackend();
    const quota = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const backend: Backend = { ...inner, mode: inner.mode, set: quota, del: quota, transact: quota } as Backend;
    const outbox = createOutbox(backend);
    await expect(outbox.add(ENDPOINT, response(), Date.now(), TTL)).rejects.toMatchObject({
      name: 'CandorError',
      code: 'StorageFull',
    });
  });

  test('add() when storage fails otherwise rejects with a CandorError naming the cause', async () => {
    const inner = memoryBackend();
    const broken = () => Promise.reject(new DOMException('disk went away', 'UnknownError'));
    const backend = { ...inner, mode: inner.mode, set: broken, transact: broken, count: broken } as Backend;
    const outbox = createOutbox(backend);
    const error = await outbox.add(ENDPOINT, response(), Date.now(), TTL).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CandorError', code: 'StorageFailed' });
    expect((error as Error).message).toContain('disk went away');
  });
});

describe('a clock corrected during the page is followed', () => {
  test.each([
    ['a year behind', -365 * DAY],
    ['a year ahead', 365 * DAY],
  ])('a page whose clock started %s and is then corrected neither expires nor parks its answers', async (_, skew) => {
    const truth = () => Date.now();
    let wrong = skew;
    const clock = createClock(
      () => truth() + wrong,
      () => truth(),
    );
    const r = rig(() => ok, memoryBackend(), clock);
    r.state.online = false;
    const added = await r.add(3, {}, clock);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(HOUR);
    // The OS corrects the clock; the collector is reachable again.
    wrong = 0;
    r.state.online = true;
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(MIN);
    expect(r.dropped).toEqual([]);
    expect(r.delivered.sort()).toEqual(added.map((x) => x.id).sort());
    expect(clock()).toBe(truth()); // followed, whatever the size of the correction
  });

  test('answers written under a clock a year behind still expire one TTL after the correction, not a year later', async () => {
    let wrong = -365 * DAY;
    const clock = createClock(
      () => Date.now() + wrong,
      () => Date.now(),
    );
    const r = rig(() => ok, memoryBackend(), clock);
    r.state.online = false;
    const [a] = await r.add(1, {}, clock);
    await r.flusher.flush();
    wrong = 0;
    await vi.advanceTimersByTimeAsync(TTL + HOUR);
    expect(r.dropped).toEqual([[a!.id, 'expired']]);
  });

  test('a stored time in the future of the current clock counts as now: the TTL runs from now, not from then', async () => {
    const backend = memoryBackend();
    const outbox = createOutbox(backend);
    const ahead = Date.now() + 365 * DAY;
    const [a] = [await outbox.add(ENDPOINT, response(), ahead, TTL)];
    const r = rig(() => ({ status: 500 }), backend);
    r.state.online = false;
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(TTL + HOUR);
    expect(r.dropped).toEqual([[a!.id, 'expired']]);
  });
});

describe('without Web Locks, one leader at a time', () => {
  test('a step that outlives its lease (splitting after 413, 15 s per send) renews it: two flushers never send at once', async () => {
    let inFlight = 0;
    let overlap = false;
    const backend = memoryBackend();
    const answer = async (records: { id: string }[]) => {
      inFlight++;
      if (inFlight > 1) overlap = true;
      await new Promise((done) => setTimeout(done, 14_000));
      inFlight--;
      return records.length > 1 ? { status: 413 } : ok;
    };
    const a = rig(answer, backend);
    const b = rig(answer, backend);
    await a.add(8);
    const first = a.flusher.flush();
    await vi.advanceTimersByTimeAsync(1000);
    // The second flusher tries again and again while the first is still splitting.
    for (let i = 0; i < 30; i++) {
      void b.flusher.flush();
      await vi.advanceTimersByTimeAsync(10_000);
    }
    await first;
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(overlap).toBe(false);
    expect(new Set([...a.delivered, ...b.delivered]).size).toBe(8);
  });
});

describe('two tabs whose clocks disagree by a little', () => {
  test('a lease just taken by a tab whose clock is 5 ms ahead is held for the other tab, not taken over', async () => {
    const backend = memoryBackend();
    const t = Date.now();
    let running = 0;
    let overlap = false;
    const fn = async () => {
      running++;
      if (running > 1) overlap = true;
      await Promise.resolve();
      running--;
      return 'sent';
    };
    // A takes the lease with its clock; B, 5 ms behind (timer coarsening, or two fake clocks), asks next.
    let releaseA!: () => void;
    const aHolds = new Promise<void>((resolve) => (releaseA = resolve));
    const a = lead(
      backend,
      () => t + 5,
      'a',
      async () => (await fn(), await aHolds, 'a done'),
    );
    await vi.waitFor(async () => expect(await backend.get('lease')).toMatchObject({ tab: 'a' }));
    expect(await lead(backend, () => t, 'b', fn)).toBe(BUSY);
    releaseA();
    expect(await a).toBe('a done');
    expect(overlap).toBe(false);
  });
});

describe('keys and records agree', () => {
  test('a migrated record stored under another key format is deleted under the key it was read from: sent once', async () => {
    const backend = memoryBackend();
    const old = response();
    const key = `r:${String(5).padStart(15, '0')}:${old.id}`; // createdAt in the key differs from the record's
    await backend.set(key, { v: 0, payload: old, at: Date.now() });
    const outbox = createOutbox(backend, {
      0: (o) => ({
        v: 1,
        id: old.id,
        route: ENDPOINT,
        body: o.payload as never,
        bytes: 300,
        createdAt: o.at as number,
        expiresAt: (o.at as number) + TTL,
        attempts: 0,
        nextAt: 0,
      }),
    });
    const r = rig(() => ok, backend, undefined, outbox);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(r.calls.flatMap((c) => c.ids)).toEqual([old.id]);
    expect(await backend.range('r:', 'r;')).toEqual([]);
  });

  test.each([
    ['bytes missing', { bytes: undefined }],
    ['createdAt NaN', { createdAt: Number.NaN }],
    ['nextAt Infinity', { nextAt: Number.POSITIVE_INFINITY }],
    ['attempts a string', { attempts: '2' }],
    ['expiresAt null', { expiresAt: null }],
    ['body without an id', { body: {} }],
  ])('a record with %s is set aside; add() and the queue go on', async (_, patch) => {
    const backend = memoryBackend();
    const r = rig(() => ok, backend);
    const [a] = await r.add(1);
    await backend.set(keyOf(a!), { ...a!, ...patch });
    const [b] = await r.add(1);
    await r.flusher.flush();
    expect(r.delivered).toEqual([b!.id]);
    expect((await r.outbox.aside()).length).toBe(1);
  });
});

describe('the outbox touches only what it needs', () => {
  test('add() checks the bound with a count and a stored byte total: no record values are read', async () => {
    const { backend, calls } = counting();
    const outbox = createOutbox(backend);
    for (let i = 0; i < 5; i++) await outbox.add(ENDPOINT, response(), Date.now() + i, TTL);
    calls.range = 0;
    await outbox.add(ENDPOINT, response(), Date.now() + 10, TTL);
    expect(calls.range).toBe(0);
  });

  test('the byte total follows adds and deletes, across two outboxes on one store (two tabs)', async () => {
    const backend = memoryBackend();
    const one = createOutbox(backend);
    const two = createOutbox(backend);
    const a = await one.add(ENDPOINT, response(), Date.now(), TTL);
    const b = await two.add(ENDPOINT, response({ comment: 'x'.repeat(500) }), Date.now() + 1, TTL);
    expect(await one.usage()).toEqual({ records: 2, bytes: a.bytes + b.bytes });
    await two.remove([a]);
    await one.remove([a]); // already gone: not subtracted twice
    expect(await one.usage()).toEqual({ records: 1, bytes: b.bytes });
  });

  test('a flush reads records in key order and stops once its batch is full', async () => {
    const { backend, calls } = counting();
    const r = rig(() => ok, backend);
    await r.add(120);
    calls.range = 0;
    const scan = await r.outbox.scan(Date.now(), () => true);
    expect(scan.batch).toHaveLength(50);
    expect(calls.range).toBeLessThanOrEqual(3); // one page of records, the set-aside and pause look-ups
  });
});
