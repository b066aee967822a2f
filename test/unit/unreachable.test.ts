import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DAY, rig, response } from './rig.js';
import { createFlusher, UNREACHABLE, UNREACHABLE_MS } from '../../src/flusher.js';
import { createOutbox } from '../../src/outbox.js';
import { memoryBackend } from '../../src/storage/memory.js';
import { realTimers } from '../../src/lib/timers.js';
import type { SendResult } from '../../src/transports/fetch.js';

// An endpoint the browser cannot reach (DNS, TLS, a CORS refusal: all look
// alike from the page) is said once per page, after several minutes of tries
// that all failed while online. Each test uses its own endpoint URL: what was
// said is remembered for the page (this file), whichever instance delivered.

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2026, 10, 22, 9) }));
afterEach(() => vi.useRealTimers());

const unreachable: SendResult = { status: 0, message: 'Failed to fetch' };
const HOUR = 60 * 60_000;
/** A rig whose answers wait for `url`. */
const at = (url: string, answer: Parameters<typeof rig>[0]) => {
  const r = rig(answer);
  const add = (n = 1) =>
    Promise.all(Array.from({ length: n }, () => r.outbox.add(url, response(), Date.now(), 7 * DAY)));
  return { ...r, add };
};

describe('an endpoint that cannot be reached', () => {
  test('every try failing without an HTTP status for 5 minutes while online: error once, answers kept', async () => {
    const url = 'https://a.collect.test/v1/responses';
    const r = at(url, () => unreachable);
    const added = await r.add(2);
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(UNREACHABLE_MS - 60_000);
    expect(r.errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(UNREACHABLE);
    expect(r.errors[0]).toContain(`every try to ${url} failed for`);
    expect(r.calls.length).toBeGreaterThan(5); // still retrying, with backoff
    expect((await r.outbox.all()).map((x) => x.id).sort()).toEqual(added.map((a) => a.id).sort());
  });

  test('any HTTP answer in between (a 503) means reachable: no such error', async () => {
    const r = at('https://b.collect.test/v1/responses', (_, call) => (call % 2 === 0 ? { status: 503 } : unreachable));
    await r.add();
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(r.calls.length).toBeGreaterThan(6);
    expect(r.errors).toEqual([]);
  });

  test('a try that fails while the device is offline starts the count again', async () => {
    const r = at('https://c.collect.test/v1/responses', () => {
      // The connection dropped during the try: the browser reports offline.
      r.state.online = false;
      setTimeout(() => (r.state.online = true), 1_000);
      return unreachable;
    });
    await r.add();
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(r.calls.length).toBeGreaterThan(3);
    expect(r.errors).toEqual([]);
  });

  test('timeouts, redirects and refused requests are not "could not be reached"', async () => {
    const results: SendResult[] = [
      { status: 0, message: 'timeout' },
      { status: 0, message: 'keepalive unsupported', refused: true },
    ];
    const r = at('https://d.collect.test/v1/responses', (_, call) => results[call % 2]!);
    await r.add();
    await r.flusher.flush();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(r.calls.length).toBeGreaterThan(5);
    expect(r.errors).toEqual([]);
  });

  test('said once per page, even when two instances deliver to that endpoint', async () => {
    const url = 'https://e.collect.test/v1/responses';
    const one = at(url, () => unreachable);
    const two = at(url, () => unreachable);
    await one.add();
    await two.add();
    await Promise.all([one.flusher.flush(), two.flusher.flush()]);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect([...one.errors, ...two.errors]).toHaveLength(1);
  });

  test('debug says it at the first failure', async () => {
    const url = 'https://f.collect.test/v1/responses';
    const lines: string[] = [];
    const outbox = createOutbox(memoryBackend());
    const flusher = createFlusher({
      outbox,
      canSend: () => true,
      send: async () => unreachable,
      now: () => Date.now(),
      timers: realTimers,
      online: () => true,
      random: () => 0.5,
      delivered: () => {},
      dropped: () => {},
      error: () => {},
      debug: (line) => lines.push(line),
    });
    await outbox.add(url, response(), Date.now(), 7 * DAY);
    await flusher.flush();
    expect(lines).toEqual([`${UNREACHABLE}: ${url} (Failed to fetch); retrying with backoff`]);
    flusher.close();
  });
});
