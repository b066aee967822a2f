import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createNps, type NpsInstance } from '../../src/index.js';
import { memoryBackend } from '../../src/storage/memory.js';
import type { Backend } from '../../src/storage/backend.js';
import type { Env } from '../../src/delivery.js';
import { THROTTLE_KEY } from '../../src/throttle.js';
import { memoryEnv } from './rig.js';
import { loadSending } from '../../src/sendingCode.js';

// Delivery as an instance sees it: page-leave sends, events that reach the
// right survey, one unload budget per page, and the edges a review found
// (redirects, transports and storage that never settle, a missing bridge).

const ENDPOINT = 'https://collect.acme.test/v1/responses';
const started: NpsInstance[] = [];
const make = (extra: Record<string, unknown> = {}, env?: Env) => {
  const nps = createNps({ survey: 'home', endpoint: ENDPOINT, ...extra }, env);
  started.push(nps);
  return nps;
};
const ids = (init: RequestInit) => (JSON.parse(init.body as string).responses as { id: string }[]).map((r) => r.id);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(() => {
  started.splice(0).forEach((nps) => nps.destroy());
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('leaving the page', () => {
  test('a beacon never resets the stored attempts, nextAt or lastError of a record', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        // keepalive is refused by this browser: the beacon takes over.
        if (init.keepalive) throw new TypeError('keepalive not supported');
        return Promise.resolve(new Response(null, { status: 503 }));
      }),
    );
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: () => true });
    const nps = make({}, memoryEnv());
    await nps.submit({ score: 9, consentVersion: '1' });
    await vi.waitFor(async () => expect((await nps.export()).answers[0]?.attempts).toBe(1));
    const before = (await nps.export()).answers[0]!;
    dispatchEvent(new Event('pagehide'));
    await vi.waitFor(async () => expect((await nps.export()).answers[0]?.beaconedAt).toBeTypeOf('number'));
    const after = (await nps.export()).answers[0]!;
    expect(after).toMatchObject({ attempts: 1, nextAt: before.nextAt, lastError: 'HTTP 503' });
  });

  test('keepalive sent, then the delete fails (Safari UnknownError): nothing escapes into the page', async () => {
    const inner = memoryBackend();
    let failDeletes = false;
    let failed = 0;
    const unknown = () => (failed++, Promise.reject(new DOMException('internal error', 'UnknownError')));
    const backend: Backend = {
      ...inner,
      mode: inner.mode,
      del: (keys) => (failDeletes ? unknown() : inner.del(keys)),
      transact: (...args) => (failDeletes ? unknown() : inner.transact(...args)),
    };
    let release = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) =>
        init.keepalive
          ? Promise.resolve(new Response(null, { status: 204 }))
          : new Promise<Response>((done) => (release = () => done(new Response(null, { status: 503 })))),
      ),
    );
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const nps = make({}, memoryEnv(backend));
    await nps.submit({ score: 9, consentVersion: '1' });
    failDeletes = true;
    dispatchEvent(new Event('pagehide'));
    release();
    // The acknowledged batch's delete was tried and failed; then Node's unhandled-rejection check runs.
    await vi.waitFor(() => expect(failed).toBeGreaterThan(0));
    await new Promise((r) => setImmediate(r));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  test('storage that cannot open, then the page comes back online: nothing escapes into the page', async () => {
    await loadSending(); // the code that sends is in: a flush goes straight to the outbox, which never opened
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const env: Env = { ...memoryEnv(), open: () => Promise.reject(new Error('storage is gone')) };
    const nps = make({}, env);
    await nps.submit({ score: 9, consentVersion: '1' }).catch(() => {});
    dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setImmediate(r));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  test('one unload budget per page: two instances together put at most 60 KB in flight; no beacon while keepalive works', async () => {
    const keepalive: number[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        if (init.keepalive) keepalive.push(new TextEncoder().encode(init.body as string).length);
        return init.keepalive ? new Promise(() => {}) : Promise.resolve(new Response(null, { status: 503 }));
      }),
    );
    const beacon = vi.fn(() => true);
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: beacon });
    const env = memoryEnv();
    const one = make({}, env);
    const two = make({ survey: 'checkout' }, env);
    for (let i = 0; i < 25; i++) {
      await one.submit({ score: 5, comment: `${i} ${'slow exports '.repeat(70)}`, consentVersion: '1' });
      await two.submit({ score: 5, comment: `${i} ${'slow exports '.repeat(70)}`, consentVersion: '1' });
    }
    dispatchEvent(new Event('pagehide'));
    expect(keepalive.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60 * 1024);
    expect(keepalive.reduce((a, b) => a + b, 0)).toBeGreaterThan(40 * 1024);
    expect(beacon).not.toHaveBeenCalled();
    expect((await one.export()).answers).toHaveLength(25);
    expect((await two.export()).answers).toHaveLength(25);
  });
});

describe('events reach their survey', () => {
  test("another instance's flusher delivers an answer: its own instance hears delivered, and does not resend it at pagehide", async () => {
    const sent: { ids: string[]; keepalive: boolean }[] = [];
    let status = 403;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        if (status === 204) sent.push({ ids: ids(init), keepalive: !!init.keepalive });
        return new Response(null, { status });
      }),
    );
    const backend = memoryBackend();
    const home = make({}, memoryEnv(backend));
    const heard = vi.fn();
    const errors: string[] = [];
    home.on('delivered', heard);
    home.on('error', (e) => errors.push(e.message));
    const answer = await home.submit({ score: 9, consentVersion: '1' });
    // The endpoint refused once: this instance's flusher leaves the route alone for the page.
    await vi.waitFor(() => expect(errors.join()).toContain('answered 403'));
    status = 204;
    const other = make({ survey: 'checkout' }, memoryEnv(backend, true));
    await other.flush();
    await vi.waitFor(() => expect(heard).toHaveBeenCalledWith({ ids: [answer.id] }));
    // A page-leave send starts synchronously: had this instance kept the answer, fetch would have run by now.
    dispatchEvent(new Event('pagehide'));
    expect(sent).toEqual([{ ids: [answer.id], keepalive: false }]);
  });
});

describe('other edges', () => {
  test('a 3xx is never taken for delivery: the route pauses with an error, the answer is kept', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      expect(init.redirect).toBe('manual');
      return Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' });
    });
    vi.stubGlobal('fetch', fetchMock);
    const nps = make({}, memoryEnv());
    const errors: string[] = [];
    nps.on('error', (e) => errors.push(e.message));
    const delivered = vi.fn();
    nps.on('delivered', delivered);
    await nps.submit({ score: 9, consentVersion: '1' });
    await vi.waitFor(() => expect(errors.join()).toContain('redirect'));
    expect(delivered).not.toHaveBeenCalled();
    expect((await nps.export()).answers).toHaveLength(1);
  });

  test('a custom transport that never settles times out at 15 s and is tried again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let calls = 0;
    const transport = vi.fn(() => (++calls === 1 ? new Promise<void>(() => {}) : Promise.resolve()));
    const nps = createNps({ survey: 'app', transport }, memoryEnv());
    started.push(nps);
    const delivered = vi.fn();
    nps.on('delivered', delivered);
    await nps.submit({ score: 8, consentVersion: '1' });
    await vi.advanceTimersByTimeAsync(14_000);
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(transport).toHaveBeenCalledTimes(2);
    expect(delivered).toHaveBeenCalled();
  });

  test('a storage call that never settles times out at 15 s, counts as a failed try, and delivery goes on', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const inner = memoryBackend();
    let hang = true;
    // The first read of the route pauses (inside a flush) never settles.
    const backend: Backend = {
      ...inner,
      mode: inner.mode,
      range: (from, ...rest) =>
        hang && from.startsWith('p:') ? ((hang = false), new Promise(() => {})) : inner.range(from, ...rest),
    };
    const nps = make({}, memoryEnv(backend));
    const delivered = vi.fn();
    const errors: string[] = [];
    nps.on('delivered', delivered);
    nps.on('error', (e) => errors.push(e.message));
    await nps.submit({ score: 8, consentVersion: '1' });
    await vi.advanceTimersByTimeAsync(16_000);
    expect(errors.join()).toMatch(/15000 ms|15 s/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(delivered).toHaveBeenCalled();
  });

  test('with storeThrottle: false and no indexedDB.databases(), answers an earlier page left are found at start', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 503 })),
    );
    const factory = new IDBFactory();
    (factory as { databases?: unknown }).databases = undefined;
    globalThis.indexedDB = factory;
    const first = make({ rules: { storeThrottle: false } });
    const answer = await first.submit({ score: 9, consentVersion: '1' });
    await vi.waitFor(async () => expect((await first.export()).answers[0]?.attempts).toBe(1));
    first.destroy();
    expect(localStorage.getItem(THROTTLE_KEY)).toBeNull();
    const sent: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => (sent.push(...ids(init)), new Response(null, { status: 204 }))),
    );
    make({ rules: { storeThrottle: false } });
    // Found at start; sent once its backoff after the first 503 has passed (2–4 s).
    await vi.waitFor(() => expect(sent).toEqual([answer.id]), { timeout: 6000 });
  });

  test('a bridge route with no native bridge on the page is paused and kept, with one error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const nps = createNps({ survey: 'app', transport: 'bridge' }, memoryEnv());
    started.push(nps);
    const errors: string[] = [];
    nps.on('error', (e) => errors.push(e.message));
    await nps.submit({ score: 8, consentVersion: '1' });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(errors.filter((m) => m.includes('native bridge'))).toHaveLength(1);
    const [stored] = (await nps.export()).answers;
    expect(stored?.attempts).toBe(0);
  });
});

describe('storage that falls back', () => {
  test('every instance on the page hears the fallback once, not only the first to open storage', async () => {
    (globalThis as { indexedDB?: unknown }).indexedDB = undefined;
    const home = make();
    const other = make({ survey: 'checkout' });
    const heard: Record<string, string[]> = { home: [], checkout: [] };
    home.on('error', (e) => heard.home!.push(e.message));
    other.on('error', (e) => heard.checkout!.push(e.message));
    await home.submit({ score: 9, consentVersion: '1' });
    await other.submit({ score: 9, consentVersion: '1' });
    await home.submit({ score: 8, consentVersion: '1' });
    for (const messages of Object.values(heard))
      expect(messages.filter((m) => m.startsWith('storage fell back to localstorage'))).toHaveLength(1);
  });
});

describe('a malformed throttle record is treated as empty', () => {
  test.each(['null', '[]', '"x"', '{"home":5}', '{"home":null}', '{"home":{"pageViews":1}', '42'])(
    'localStorage candor = %s: the prompt logic, flush(), export() and forget() keep working',
    async (raw) => {
      localStorage.setItem(THROTTLE_KEY, raw);
      const nps = make({}, memoryEnv());
      await expect(nps.flush()).resolves.toBeUndefined();
      const data = await nps.export();
      expect(data.survey).toBe('home');
      await nps.submit({ score: 9, consentVersion: '1' });
      await expect(nps.forget()).resolves.toBeUndefined();
      expect(nps.show({ force: true })).toBe(true);
    },
  );
});
