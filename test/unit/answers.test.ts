import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createNps, CandorError, type NpsInstance } from '../../src/index.js';
import { idbExists } from '../../src/storage/idb.js';
import type { Env } from '../../src/delivery.js';
import { THROTTLE_KEY } from '../../src/throttle.js';
import { button, radios, tap } from './helpers.js';
import { memoryEnv } from './rig.js';

const base = { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses' };
const started: NpsInstance[] = [];
const make = (extra: Record<string, unknown> = {}, env?: Env) => {
  const nps = createNps({ ...base, ...extra }, env);
  started.push(nps);
  return nps;
};

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(() => {
  started.splice(0).forEach((nps) => nps.destroy());
  vi.restoreAllMocks();
  delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
});

describe('headless submit()', () => {
  test('is refused without a consentVersion, and nothing is stored', async () => {
    const nps = make();
    await expect(nps.submit({ score: 9 } as never)).rejects.toMatchObject({
      name: 'CandorError',
      code: 'ConsentRequired',
    });
    await expect(nps.submit({ score: 9, consentVersion: '' })).rejects.toBeInstanceOf(CandorError);
    expect(await idbExists()).toBe(false);
    // Only the throttle record (this page view) is there: no answer, no outbox.
    expect(Object.keys(localStorage)).toEqual([THROTTLE_KEY]);
    expect(JSON.parse(localStorage.getItem(THROTTLE_KEY)!)).toEqual({ home: { pageViews: 1 } });
  });

  test('is refused under Global Privacy Control, and nothing is stored', async () => {
    (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl = true;
    await expect(make().submit({ score: 9, consentVersion: '1' })).rejects.toMatchObject({ code: 'ConsentRequired' });
    expect(await idbExists()).toBe(false);
  });

  test.each([
    [{ score: 11, consentVersion: '1' }, 'score: expected a whole number from 0 to 10, got 11'],
    [{ score: 7.5, consentVersion: '1' }, 'score: expected a whole number from 0 to 10, got 7.5'],
    [
      { score: 7, comment: 'x'.repeat(1001), consentVersion: '1' },
      'comment: expected text of at most 1,000 characters (well-formed UTF-16)',
    ],
    [
      { score: 7, comment: 'broken \uD800 text', consentVersion: '1' },
      'comment: expected text of at most 1,000 characters (well-formed UTF-16)',
    ],
  ])('rejects a bad answer with a clear error, nothing queued (scenario 18): %j', async (answer, message) => {
    const nps = make();
    await expect(nps.submit(answer)).rejects.toMatchObject({ code: 'InvalidAnswer', message });
    expect(await idbExists()).toBe(false);
  });

  test('resolves once the answer is stored in IndexedDB, anonymised and redacted', async () => {
    const nps = make({ segment: { plan: 'pro' } });
    const seen = vi.fn();
    nps.on('submit', seen);
    const answer = await nps.submit({ score: 4, comment: 'Mail me: jane@example.com', consentVersion: '2026-11' });
    expect(await idbExists()).toBe(true);
    expect(answer).toMatchObject({
      survey: 'home',
      score: 4,
      category: 'detractor',
      comment: 'Mail me: [email]',
      consentVersion: '2026-11',
      segment: { plan: 'pro' },
    });
    expect(seen).toHaveBeenCalledWith(answer);
    const stored = await nps.export();
    expect(stored.answers.map((a) => a.body)).toEqual([answer]);
    // (The prompt may have been shown meanwhile: shownAt.)
    expect(JSON.parse(localStorage.getItem(THROTTLE_KEY)!)).toMatchObject({
      home: { pageViews: 1, answeredAt: expect.any(Number) },
    });
  });

  test('delivers as text/plain JSON without cookies, Referer or custom headers, then emits delivered', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    const nps = make({}, memoryEnv());
    const delivered = vi.fn();
    nps.on('delivered', delivered);
    const answer = await nps.submit({ score: 10, consentVersion: '1' });
    await vi.waitFor(() => expect(delivered).toHaveBeenCalledWith({ ids: [answer.id] }));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(base.endpoint);
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      keepalive: false,
    });
    expect(init.headers).toBeUndefined();
    expect(typeof init.body).toBe('string');
    expect(JSON.parse(init.body as string)).toEqual({ v: 1, responses: [answer] });
    expect((await nps.export()).answers).toEqual([]);
  });

  test('a custom transport function receives the batch and resolving deletes it', async () => {
    const transport = vi.fn(async () => {});
    const nps = createNps({ survey: 'app', transport }, memoryEnv());
    started.push(nps);
    const answer = await nps.submit({ score: 8, consentVersion: '1' });
    await vi.waitFor(() => expect(transport).toHaveBeenCalledWith([answer]));
    await vi.waitFor(async () => expect((await nps.export()).answers).toEqual([]));
  });
});

describe('data rights', () => {
  test("forget() deletes this survey's answers and throttle record, and no other survey's", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 503 })),
    );
    const env = memoryEnv();
    const home = make({}, env);
    const other = make({ survey: 'checkout' }, env);
    await home.submit({ score: 9, consentVersion: '1' });
    await other.submit({ score: 3, consentVersion: '1' });
    await home.forget();
    expect(await home.export()).toEqual({ survey: 'home', answers: [] });
    expect((await other.export()).answers).toHaveLength(1);
    expect(Object.keys(JSON.parse(localStorage.getItem(THROTTLE_KEY)!))).toEqual(['checkout']);
  });

  test('export() lists what is stored, with delivery state, as JSON-ready data', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 503 })),
    );
    const nps = make({}, memoryEnv());
    const answer = await nps.submit({ score: 7, consentVersion: '1' });
    await vi.waitFor(async () => expect((await nps.export()).answers[0]?.attempts).toBe(1));
    const data = await nps.export();
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.answers[0]).toMatchObject({
      id: answer.id,
      route: base.endpoint,
      body: answer,
      attempts: 1,
      lastError: 'HTTP 503',
    });
    expect(data.throttle).toEqual({ pageViews: 1, answeredAt: expect.any(Number) });
  });

  test('export() and forget() create no storage when there is none', async () => {
    const nps = make();
    expect(await nps.export()).toEqual({ survey: 'home', answers: [], throttle: { pageViews: 1 } });
    await nps.forget();
    expect(await idbExists()).toBe(false);
  });
});

describe('consent is enforced in core (privacy audit)', () => {
  /** Values written to localStorage during the audit. */
  let written: string[] = [];
  function audit() {
    const calls: string[] = [];
    written = [];
    const open = indexedDB.open.bind(indexedDB);
    vi.spyOn(indexedDB, 'open').mockImplementation((name: string, version?: number) => {
      calls.push(`indexedDB.open ${name}`);
      return open(name, version);
    });
    const setItem = Storage.prototype.setItem;
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
      calls.push(`localStorage.setItem ${key}`);
      written.push(value);
      setItem.call(this, key, value);
    });
    const fetchMock = vi.fn(async (url: string) => {
      calls.push(`fetch ${url}`);
      return new Response(null, { status: 204 });
    });
    vi.stubGlobal('fetch', fetchMock);
    Object.defineProperty(navigator, 'sendBeacon', {
      configurable: true,
      value: (url: string) => (calls.push(`sendBeacon ${url}`), true),
    });
    return calls;
  }

  /**
   * The positive signal that the instance's own start-up check ("may storage hold answers from an
   * earlier page?") has run its course: a `flush()` goes through the same check after it, and opens
   * or sends nothing itself when nothing is stored. Page-leave sends start synchronously.
   */
  const settled = (nps: NpsInstance) => nps.flush();

  /** Only the documented throttle record was written: timestamps and a page-view count, no identifier. */
  function onlyThrottleRecord(calls: string[]) {
    expect(calls.filter((c) => c !== `localStorage.setItem ${THROTTLE_KEY}`)).toEqual([]);
    for (const value of written) {
      const record = JSON.parse(value) as Record<string, Record<string, unknown>>;
      expect(Object.keys(record)).toEqual(['home']);
      for (const [key, v] of Object.entries(record.home!)) {
        expect(['shownAt', 'dismissedAt', 'answeredAt', 'pageViews']).toContain(key);
        expect(Number.isInteger(v)).toBe(true);
      }
    }
  }

  test('a declined session opens no IndexedDB and sends nothing; it writes only the throttle record', async () => {
    const calls = audit();
    const nps = make();
    nps.show();
    await tap(button('No thanks'));
    dispatchEvent(new Event('pagehide'));
    await settled(nps);
    onlyThrottleRecord(calls);
    expect(JSON.parse(localStorage.getItem(THROTTLE_KEY)!).home).toEqual({
      pageViews: 1,
      shownAt: expect.any(Number),
      dismissedAt: expect.any(Number),
    });
  });

  test('the steps before "yes", and closing at the score, touch nothing but the throttle record either', async () => {
    const calls = audit();
    const nps = make();
    nps.show();
    await tap(button("Yes, I'll answer"));
    await tap(radios()[0]!.parentElement!.parentElement!.querySelector('.x')!);
    document.dispatchEvent(new Event('visibilitychange'));
    dispatchEvent(new Event('pagehide'));
    await settled(nps);
    onlyThrottleRecord(calls);
    expect(written.length).toBeGreaterThan(0);
  });

  test('with rules.storeThrottle: false, a declined session writes nothing at all', async () => {
    const calls = audit();
    const nps = make({ rules: { storeThrottle: false } });
    nps.show();
    await tap(button('No thanks'));
    await settled(nps);
    expect(calls).toEqual([]);
  });

  test('an answer after "yes" is what opens storage and sends it', async () => {
    const calls = audit();
    make().show();
    await tap(button("Yes, I'll answer"));
    await tap(radios()[9]!);
    await tap(button('Skip'));
    await vi.waitFor(() => expect(calls).toContain(`fetch ${base.endpoint}`));
    expect(calls).toContain('indexedDB.open candor');
    expect(calls).toContain(`localStorage.setItem ${THROTTLE_KEY}`);
  });

  test('preview mode shows the answer in the console and never stores or sends it', async () => {
    const calls = audit();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const nps = make({ preview: true });
    const answer = await nps.submit({ score: 9, consentVersion: '1' });
    expect(info).toHaveBeenCalledWith('[Candor] preview: nothing is stored or sent; this is the answer:', answer);
    await settled(nps);
    expect(calls).toEqual([]);
  });
});

describe('leaving the page (scenario 20 in jsdom; the real unload is tested in Chromium)', () => {
  test.each([
    ['returns false', () => false],
    [
      'throws',
      () => {
        throw new TypeError('beacon refused');
      },
    ],
  ])(
    'with ~200 KB pending and sendBeacon that %s: ≤ 60 KB go out with keepalive, the rest is kept',
    async (_, beacon) => {
      const bodies: number[] = [];
      // The endpoint is down while the answers are given, and keeps keepalive requests hanging at unload.
      vi.stubGlobal(
        'fetch',
        vi.fn((_url: string, init: RequestInit) => {
          if (init.keepalive) {
            bodies.push((init.body as string).length);
            return new Promise(() => {});
          }
          return Promise.resolve(new Response(null, { status: 503 }));
        }),
      );
      Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: beacon });
      const nps = make({}, memoryEnv());
      for (let i = 0; i < 60; i++)
        await nps.submit({ score: 5, comment: `${i} ${'slow exports '.repeat(70)}`, consentVersion: '1' });
      dispatchEvent(new Event('pagehide'));
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies.reduce((a, b) => a + b)).toBeLessThanOrEqual(60 * 1024);
      expect((await nps.export()).answers).toHaveLength(60);
      // A second unload signal in the same page sends nothing twice.
      dispatchEvent(new Event('pagehide'));
      expect(bodies.reduce((a, b) => a + b)).toBeLessThanOrEqual(60 * 1024);
    },
  );
});
