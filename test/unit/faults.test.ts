import type { NpsResponse } from '../../src/response.js';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DAY, ENDPOINT, rig, response } from './rig.js';
import { FETCH_TIMEOUT_MS, fetchSend } from '../../src/transports/fetch.js';
import { realTimers } from '../../src/lib/timers.js';
import { createClock } from '../../src/lib/clock.js';
import { createOutbox, keyOf, LIMITS, type OutboxRecord } from '../../src/outbox.js';
import { memoryBackend } from '../../src/storage/memory.js';

// The numbered delivery fault scenarios that need no real browser, each
// named after its number. Time is faked: days pass in milliseconds. The
// scenarios that need tabs, unloads and real IndexedDB are in
// test/browser/faults.test.ts.

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2026, 10, 22, 9) }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const ok = { status: 200 };

describe('delivery fault scenarios', () => {
  test('3: offline for 3 days, then online: everything is delivered, oldest first', async () => {
    const r = rig(() => ok);
    r.state.online = false;
    const added = await r.add(5);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(3 * DAY);
    expect(r.calls).toEqual([]);
    expect(r.dropped).toEqual([]);
    r.state.online = true;
    await r.flusher.flush();
    expect(r.calls.flatMap((c) => c.ids)).toEqual(added.map((a) => a.id));
    expect(r.delivered).toEqual(added.map((a) => a.id));
    expect(await r.outbox.all()).toEqual([]);
  });

  test('4: offline past the TTL: dropped as expired, nothing sent', async () => {
    const r = rig(() => ok);
    r.state.online = false;
    const [a] = await r.add(1);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(8 * DAY);
    expect(r.dropped).toEqual([[a!.id, 'expired']]);
    r.state.online = true;
    await r.flusher.flush();
    expect(r.calls).toEqual([]);
    expect(await r.outbox.all()).toEqual([]);
  });

  test('5: 503 with Retry-After 120: silent for 120 s, then delivered', async () => {
    const r = rig((_, call) => (call === 1 ? { status: 503, retryAfter: '120' } : ok));
    const [a] = await r.add(1);
    const start = Date.now();
    await r.flusher.flush();
    expect(r.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(r.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(r.calls).toHaveLength(2);
    expect(r.calls[1]!.at - start).toBeGreaterThanOrEqual(120_000);
    expect(r.delivered).toEqual([a!.id]);
  });

  test.each([
    ['in the past', 'Wed, 21 Oct 2015 07:28:00 GMT', 1000, 4000],
    ['garbage', 'soon-ish', 1000, 4000],
    ['10 days', String(10 * 86_400), 3_600_000, 3_600_000],
    ['hidden by CORS (absent)', null, 1000, 4000],
  ])('6: Retry-After %s is clamped or ignored, with no tight loop', async (_, header, min, max) => {
    const r = rig((_, call) => (call === 1 ? { status: 429, retryAfter: header } : ok));
    await r.add(1);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(r.calls).toHaveLength(2);
    const wait = r.calls[1]!.at - r.calls[0]!.at;
    expect(wait).toBeGreaterThanOrEqual(min);
    expect(wait).toBeLessThanOrEqual(max);
  });

  test('7: 500 ×24 then 200: delivered, each delay within the jitter bounds', async () => {
    const r = rig((_, call) => (call <= 24 ? { status: 500 } : ok));
    const [a] = await r.add(1);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(10 * 3_600_000);
    expect(r.calls).toHaveLength(25);
    expect(r.delivered).toEqual([a!.id]);
    for (let n = 1; n < 25; n++) {
      // Capped at 10 min while the answer is under an hour old, at 30 min after.
      const cap = r.calls[n - 1]!.at - a!.createdAt < 3_600_000 ? 600_000 : 1_800_000;
      const base = Math.min(cap, 2000 * 2 ** n);
      const wait = r.calls[n]!.at - r.calls[n - 1]!.at;
      expect(wait).toBeGreaterThanOrEqual(Math.max(1000, base * 0.5) - 1);
      expect(wait).toBeLessThanOrEqual(base + 1);
    }
  });

  test('8: 400 on a 50-record batch with one bad record: 49 delivered, the bad id reported', async () => {
    const added: OutboxRecord[] = [];
    const r = rig((records) => {
      const bad = records.find((x) => (x.body as NpsResponse).comment === 'bad');
      return bad ? { status: 400, badId: bad.id, message: 'comment: not allowed' } : ok;
    });
    added.push(...(await r.add(20)), ...(await r.add(1, { comment: 'bad' })), ...(await r.add(29)));
    await r.flusher.flush();
    const bad = added[20]!.id;
    expect(r.dropped).toEqual([[bad, 'rejected by the endpoint (400: comment: not allowed)']]);
    expect(r.delivered.sort()).toEqual(
      added
        .map((a) => a.id)
        .filter((id) => id !== bad)
        .sort(),
    );
    expect(r.calls).toHaveLength(2);
  });

  test('8b: a 400 that names no record is narrowed down by splitting the batch', async () => {
    const r = rig((records) => (records.some((x) => (x.body as NpsResponse).comment === 'bad') ? { status: 400 } : ok));
    const added = [...(await r.add(7)), ...(await r.add(1, { comment: 'bad' })), ...(await r.add(8))];
    await r.flusher.flush();
    expect(r.dropped).toEqual([[added[7]!.id, 'rejected by the endpoint (400)']]);
    expect(r.delivered).toHaveLength(15);
  });

  test('9: 413 splits the batch; a single record still too large is dropped with a clear reason', async () => {
    const accepted: number[] = [];
    const r = rig((records) => {
      if (records.length > 10 || records.some((x) => (x.body as NpsResponse).comment === 'huge'))
        return { status: 413 };
      accepted.push(records.length);
      return ok;
    });
    const added = [...(await r.add(30)), ...(await r.add(1, { comment: 'huge' }))];
    await r.flusher.flush();
    expect(r.delivered).toHaveLength(30);
    expect(r.dropped).toEqual([[added[30]!.id, 'too large for the endpoint (413)']]);
    expect(accepted.reduce((a, b) => a + b)).toBe(30);
    expect(r.calls[0]!.ids).toHaveLength(31);
  });

  test.each([401, 403, 404, 415])(
    '10: %i pauses the route for the page, keeps the answers and emits error',
    async (status) => {
      const r = rig(() => ({ status }));
      await r.add(3);
      await r.flusher.flush();
      await vi.advanceTimersByTimeAsync(DAY);
      await r.flusher.flush();
      expect(r.calls).toHaveLength(1);
      expect(await r.outbox.all()).toHaveLength(3);
      expect(r.errors).toEqual([
        `the endpoint ${ENDPOINT} answered ${status}: check the endpoint and the collector's allowed origins and surveys; 3 answer(s) are kept and sent again on the next page load`,
      ]);
      // The next page load (a new flusher on the same storage) tries again.
      const next = rig(() => ok, r.backend);
      await next.flusher.flush();
      expect(next.delivered).toHaveLength(3);
    },
  );

  test("10: a 403 whose body names the refusal passes the endpoint's sentence on in the error event (bounded)", async () => {
    const refusal = 'origin: "https://shop.example" is not allowed here (CANDOR_ORIGINS)';
    const bodies = [JSON.stringify({ error: refusal }), JSON.stringify({ error: 'x'.repeat(5000) })];
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(bodies.shift(), { status: 403 })));
    for (const expected of [refusal, 'x'.repeat(200)]) {
      const r = rig((records) =>
        fetchSend(ENDPOINT, JSON.stringify({ v: 1, responses: records.map((x) => x.body) }), false, realTimers),
      );
      await r.add(1);
      await r.flusher.flush();
      expect(r.errors).toEqual([
        `the endpoint ${ENDPOINT} answered 403 (${expected}): check the endpoint and the collector's allowed origins and surveys; 1 answer(s) are kept and sent again on the next page load`,
      ]);
    }
    vi.unstubAllGlobals();
  });

  test.each([
    ['201', { status: 201 }],
    ['204', { status: 204 }],
    ['a 200 whose body is not JSON', { status: 200 }],
    ['409 duplicate', { status: 409 }],
  ])('11: %s counts as success', async (_, result) => {
    const r = rig(() => result);
    await r.add(2);
    await r.flusher.flush();
    expect(r.delivered).toHaveLength(2);
    expect(await r.outbox.all()).toEqual([]);
  });

  test('17: a full outbox rejects a new answer with QueueFull and leaves the old rows untouched', async () => {
    const outbox = createOutbox(memoryBackend());
    const now = Date.now();
    for (let i = 0; i < LIMITS.records; i++) await outbox.add(ENDPOINT, response(), now + i, 7 * DAY);
    const before = await outbox.all();
    await expect(outbox.add(ENDPOINT, response(), now + 1000, 7 * DAY)).rejects.toMatchObject({
      name: 'CandorError',
      code: 'QueueFull',
      message: 'the outbox is full (500 answers waiting); nothing was stored',
    });
    expect(await outbox.all()).toEqual(before);
  });

  test('17b: a full outbox first purges expired rows, then accepts', async () => {
    const outbox = createOutbox(memoryBackend());
    const now = Date.now();
    for (let i = 0; i < LIMITS.records; i++) await outbox.add(ENDPOINT, response(), now - 8 * DAY + i, 7 * DAY);
    await outbox.add(ENDPOINT, response(), now, 7 * DAY);
    expect(await outbox.all()).toHaveLength(1);
  });

  test('18: an answer over 32 KB is refused with a clear error and nothing is queued', async () => {
    const outbox = createOutbox(memoryBackend());
    await expect(
      outbox.add(ENDPOINT, response({ comment: 'x'.repeat(40_000) }), Date.now(), 7 * DAY),
    ).rejects.toMatchObject({
      code: 'RecordTooLarge',
    });
    expect(await outbox.all()).toEqual([]);
  });

  test('19: a corrupt record is set aside and the rest flows', async () => {
    const r = rig(() => ok);
    const [a, b] = await r.add(2);
    await r.backend.set(keyOf({ createdAt: 1, id: 'broken' }), { v: 1, id: 42, garbage: true });
    await r.backend.set(keyOf({ createdAt: 2, id: 'text' }), 'not a record');
    await r.flusher.flush();
    expect(r.delivered).toEqual([a!.id, b!.id]);
    const aside = await r.outbox.aside();
    expect(aside.map(([, v]) => (v as { raw: unknown }).raw)).toEqual([
      { v: 1, id: 42, garbage: true },
      'not a record',
    ]);
    expect(await r.outbox.all()).toEqual([]);
  });

  test('21: a request that hangs is aborted at 15 s and retried', async () => {
    let call = 0;
    const fetchMock = vi.fn((_url: string, init: RequestInit) => {
      call++;
      if (call > 1) return Promise.resolve(new Response(null, { status: 204 }));
      return new Promise<Response>((_, reject) =>
        init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    });
    vi.stubGlobal('fetch', fetchMock);
    const r = rig((records) =>
      fetchSend(ENDPOINT, JSON.stringify({ v: 1, responses: records.map((x) => x.body) }), false, realTimers),
    );
    const [a] = await r.add(1);
    const flushed = r.flusher.flush();
    await vi.advanceTimersByTimeAsync(FETCH_TIMEOUT_MS - 1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await flushed;
    expect((await r.outbox.all())[0]).toMatchObject({ attempts: 1, lastError: 'timeout' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(r.delivered).toEqual([a!.id]);
    vi.unstubAllGlobals();
  });

  test.each([
    ['forward', 365 * DAY],
    ['backward', -365 * DAY],
  ])('22: the clock jumping a year %s neither expires nor parks the answers', async (_, jump) => {
    let wall = 0;
    const now = createClock(
      () => Date.now() + wall,
      () => Date.now(),
    );
    const r = rig((_, call) => (call === 1 ? { status: 500 } : ok), memoryBackend(), now);
    const added = await r.add(3);
    // The first send fails; the wall clock then jumps, while real time moves on by a minute.
    await r.flusher.flush();
    expect(r.calls).toHaveLength(1);
    wall += jump;
    await vi.advanceTimersByTimeAsync(60_000);
    await r.flusher.flush();
    expect(r.dropped).toEqual([]);
    expect(r.delivered.sort()).toEqual(added.map((x) => x.id).sort());
  });

  test('22b: after the clock went back between two page loads, waiting answers are due, not parked', async () => {
    const outbox = createOutbox(memoryBackend());
    const [a] = [await outbox.add(ENDPOINT, response(), Date.now(), 7 * DAY)];
    a!.nextAt = Date.now() + 30_000;
    await outbox.save([a!]);
    const scan = await outbox.scan(Date.now() - 365 * DAY, () => true);
    expect(scan.expired).toEqual([]);
    expect(scan.batch.map((x) => x.id)).toEqual([a!.id]);
  });

  test('24: records of an older store version are migrated and delivered', async () => {
    const backend = memoryBackend();
    const old = response();
    // A record as version 0 stored it: the body under `payload`, no expiry.
    await backend.set(keyOf({ createdAt: Date.now(), id: old.id }), {
      v: 0,
      id: old.id,
      url: ENDPOINT,
      payload: old,
      at: Date.now(),
    });
    const outbox = createOutbox(backend, {
      0: (o) => ({
        v: 1,
        id: o.id as string,
        route: o.url as string,
        body: o.payload as never,
        bytes: JSON.stringify(o.payload).length,
        createdAt: o.at as number,
        expiresAt: (o.at as number) + 7 * DAY,
        attempts: 0,
        nextAt: 0,
      }),
    });
    const scan = await outbox.scan(Date.now(), () => true);
    expect(scan.batch.map((x) => x.body)).toEqual([old]);
    const r = rig(() => ok, backend);
    await r.flusher.flush();
    expect(r.delivered).toEqual([old.id]);
  });
});

test('19b: set-aside entries are deleted after 30 days', async () => {
  const backend = memoryBackend();
  const outbox = createOutbox(backend);
  await backend.set(keyOf({ createdAt: 1, id: 'broken' }), 'garbage');
  await outbox.scan(Date.now(), () => true);
  expect(await outbox.aside()).toHaveLength(1);
  await outbox.scan(Date.now() + 29 * DAY, () => true);
  expect(await outbox.aside()).toHaveLength(1);
  await outbox.scan(Date.now() + 31 * DAY, () => true);
  expect(await outbox.aside()).toEqual([]);
});

test('12 (no Web Locks, one page): two flushers on one outbox never send the same batch at once', async () => {
  let inFlight = 0;
  let overlap = false;
  const backend = memoryBackend();
  const answer = async () => {
    inFlight++;
    if (inFlight > 1) overlap = true;
    await new Promise((r) => setTimeout(r, 1000));
    inFlight--;
    return ok;
  };
  const a = rig(answer, backend);
  const b = rig(answer, backend);
  await a.add(120);
  const both = Promise.all([a.flusher.flush(), b.flusher.flush()]);
  await vi.advanceTimersByTimeAsync(60_000);
  await both;
  await vi.advanceTimersByTimeAsync(60_000);
  expect(overlap).toBe(false);
  const sent = [...a.calls, ...b.calls].flatMap((c) => c.ids);
  expect(new Set(sent).size).toBe(120);
  expect(sent).toHaveLength(120);
});
