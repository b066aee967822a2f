import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startCollector } from './collector.mjs';
import { chromiumMissing } from './chromium.js';
import { candorFiles, candorFilesBeforeYes } from './harness.mjs';
import { audit, hideForGood, onlyThrottle, type Audit } from './audit.js';
import {
  PAGE,
  device,
  events,
  firstTab,
  killChromium,
  pageErrors,
  profile,
  sent,
  sleep,
  submit,
  tab,
  waiting,
  type Collector,
} from './device.js';

// The numbered delivery fault scenarios that need a real browser: tabs,
// unloads, crashes, kills and real IndexedDB, in Debian's Chromium against a
// loopback collector (test/browser/collector.mjs). Each test is named after
// its scenario number; the others are in test/unit/faults.test.ts.
//
// "Next start" is the same profile directory launched again. Time that would
// pass in real life (a 30 s lease, backoff) passes with Playwright's clock
// (`context.clock.fastForward`); nothing waits in real time for more than a
// few seconds. At most one Chromium runs at a time.

const LEASE_MS = 30_000;

describe.skipIf(chromiumMissing())('delivery fault scenarios in Chromium', () => {
  let c: Collector;
  let contexts: BrowserContext[] = [];
  let dirs: (() => void)[] = [];

  beforeEach(async () => {
    c = await startCollector();
  });
  afterEach(async () => {
    const errors = pageErrors.splice(0);
    for (const context of contexts) await context.close().catch(() => {});
    contexts = [];
    await c?.close();
    dirs.forEach((drop) => drop());
    dirs = [];
    // Nothing threw into the page (an uncaught error or an unhandled rejection).
    expect(errors).toEqual([]);
  });

  /** A fresh device (profile directory). */
  const newProfile = () => {
    const p = profile();
    dirs.push(p.drop);
    return p.dir;
  };
  /** Launches Chromium on a profile, remembered for cleanup. */
  const launch = async (dir: string, options: Parameters<typeof device>[1] = {}) => {
    const context = await device(dir, options);
    contexts.push(context);
    return context;
  };
  const sorted = (ids: Iterable<string>) => [...ids].sort();
  /** How many times each id reached the collector. */
  const received = (id: string) => c.log.filter((e) => e.ids.includes(id)).length;
  /**
   * Resolves once the tab's flusher has finished what it was doing: `flush()` shares a run already
   * going, and a tab that finds another leading returns at once. A positive signal that the tab has
   * tried (and backed off, or finished), instead of waiting a fixed time.
   */
  const tried = (page: Page) =>
    page.evaluate(() => (window as unknown as { nps: { flush(): Promise<void> } }).nps.flush());

  /**
   * Three tabs on one device; the first stores 3 answers and delivers them: the server stores its
   * batch and holds the request open. Then the other two store 2 answers each and try to deliver:
   * they wait for the leader. Each tab first finishes its start-up pass (its delivery code loaded,
   * an empty outbox looked at), so the tab that stores the first answers is the one that sends them:
   * a tab still starting up would find them and lead instead (any tab may deliver any tab's answers).
   */
  async function leaderHeld(noLocks: boolean) {
    const context = await launch(newProfile(), { noLocks, clock: true });
    const tabs = [await firstTab(context, c), await tab(context, c), await tab(context, c)];
    for (const page of tabs) await tried(page);
    c.set('store-then-hold');
    const mine = await submit(tabs[0]!, 3);
    await c.waitFor(() => c.heldCount === 1, 5000, 'the leader request');
    // The first tab sent it (a tab still starting up would have taken it: any tab delivers any tab's answers).
    const batch = c.log[0]!.ids;
    expect((await sent(tabs[0]!)).map((s) => s.ids)).toEqual([batch]);
    const others = [...(await submit(tabs[1]!, 2)), ...(await submit(tabs[2]!, 2))];
    for (const other of tabs.slice(1)) await tried(other);
    // One tab delivers at a time: the others wait for the leader, the first tab.
    expect(c.log).toHaveLength(1);
    expect(mine).toEqual(expect.arrayContaining(batch));
    return { context, tabs, mine, others, batch };
  }

  /**
   * The next start after a crash or kill: the answers are still stored, and
   * are delivered. The dead session may have left its lease (30 s) in the
   * store, so time passes in 31 s steps until the collector holds `ids` (a
   * step can land while the page is between reading the lease and setting
   * its 30 s timer; the next step fires that timer). Time passes only once
   * the page's storage is open: a jump past the 3 s open timeout would make
   * the page fall back to localStorage. Then the outbox must be empty.
   */
  async function deliveredOnNextStart(context: BrowserContext, page: Page, ids: string[]) {
    await expect
      .poll(async () => {
        const stored = await waiting(page);
        return ids.filter((id) => !stored.includes(id) && !c.stored.has(id));
      })
      .toEqual([]);
    const all = () => ids.every((id) => c.stored.has(id));
    // Real time first: a page that can deliver at once must not have its request aborted by a jump.
    await c.waitFor(all, 3000).catch(() => {});
    for (let step = 0; step < 5 && !all(); step++) {
      await context.clock.fastForward(LEASE_MS + 1000);
      await c.waitFor(all, 3000).catch(() => {});
    }
    expect(ids.filter((id) => !c.stored.has(id))).toEqual([]);
    // A fast-forward can abort a request the collector then stored (the 15 s timeout fires in page
    // time): those answers are retried after a backoff of a few seconds of page time, and deduped.
    for (let step = 0; step < 5 && (await waiting(page)).length; step++) {
      await context.clock.fastForward(LEASE_MS + 1000);
      await expect
        .poll(() => waiting(page), { timeout: 3000 })
        .toEqual([])
        .catch(() => {});
    }
    expect(await waiting(page)).toEqual([]);
    expect((await events(page)).filter(([e]) => e === 'error')).toEqual([]);
  }

  test('1: tab closed after the server stored but before the ack: resent on the next start, one copy after dedupe', async () => {
    const dir = newProfile();
    let context = await launch(dir);
    const page = await firstTab(context, c);
    c.set('store-then-drop');
    const [id] = await submit(page, 1);
    await c.waitFor(() => c.stored.has(id!) && c.log.some((e) => e.ids.includes(id!)), 5000, 'the first attempt');
    // The page saw the first attempt fail: no acknowledgement reached it.
    await expect.poll(async () => (await sent(page)).filter((s) => s.ids.includes(id!)).length).toBeGreaterThan(0);
    const seen = (await sent(page)).filter((s) => s.ids.includes(id!));
    expect(seen.some((s) => s.status !== undefined && s.status >= 200 && s.status < 300)).toBe(false);
    expect(await waiting(page)).toEqual([id]);
    // The tab closes before the retry (its pagehide attempt is stored and dropped too), then the app stops.
    await page.close();
    await context.close();
    expect(c.log.filter((e) => e.ids.includes(id!)).every((e) => e.status === null)).toBe(true);
    const before = received(id!);

    c.set('ok');
    context = await launch(dir);
    const next = await firstTab(context, c);
    await c.waitFor(() => received(id!) > before, 5000, 'the resend on the next start');
    await expect.poll(() => waiting(next), { timeout: 5000 }).toEqual([]);
    expect(sorted(c.stored.keys())).toEqual([id]);
    expect(c.log.at(-1)).toMatchObject({ ids: [id], status: 200 });
    expect(c.stats.duplicates).toBe(received(id!) - 1);
    expect(c.stats.invalid).toBe(0);
    expect(await events(next)).toEqual([['delivered', { ids: [id] }]]);
  }, 60_000);

  test('2: crash between the IndexedDB commit and the first send: delivered on the next start', async () => {
    const dir = newProfile();
    let context = await launch(dir);
    const page = await firstTab(context, c);
    // The send never leaves the browser.
    let blocked = 0;
    await page.route('**/v1/responses**', () => void blocked++);
    const ids = await submit(page, 3);
    await expect.poll(() => blocked).toBeGreaterThan(0);
    expect(c.stats.requests).toBe(0);
    // The renderer crashes: no pagehide, no visibilitychange, nothing more runs.
    const cdp = await context.newCDPSession(page);
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    await context.close();
    expect(c.stats.requests).toBe(0);

    context = await launch(dir, { clock: true });
    const next = await firstTab(context, c);
    await deliveredOnNextStart(context, next, ids);
    expect(sorted(c.stored.keys())).toEqual(sorted(ids));
    expect(c.stats.duplicates).toBe(0);
  }, 60_000);

  describe.each([
    ['with Web Locks', false],
    ['without Web Locks', true],
  ])('12: three tabs, the leader killed mid-batch (%s)', (_, noLocks) => {
    test.each([
      ['closed', 'its tab is closed'],
      ['crashed', 'its renderer crashes'],
    ])(
      '12: leader %s mid-batch: all delivered, no duplicate after dedupe',
      async (how) => {
        const { context, tabs, mine, others, batch } = await leaderHeld(noLocks);
        expect(await tabs[0]!.evaluate(() => !!navigator.locks)).toBe(!noLocks);
        const [leader, ...rest] = tabs;
        if (how === 'closed') {
          await leader!.close();
        } else {
          const cdp = await context.newCDPSession(leader!);
          const crashed = new Promise((resolve) => leader!.once('crash', resolve));
          void cdp.send('Page.crash').catch(() => {});
          await crashed;
          await leader!.close();
        }
        c.set('ok');
        c.release(); // what the closing tab sent with keepalive, if anything: it can no longer hear the answer
        // The leader's lease (30 s) runs out; another tab takes over.
        await context.clock.fastForward(LEASE_MS + 5000);
        const all = [...mine, ...others];
        await c.waitFor(() => all.every((id) => c.stored.has(id)), 15_000, 'every answer');
        for (const page of rest) await expect.poll(() => waiting(page), { timeout: 5000 }).toEqual([]);
        expect(sorted(c.stored.keys())).toEqual(sorted(all));
        // The leader's batch went over the wire again (at-least-once); the server kept one copy.
        for (const id of batch) expect(received(id)).toBeGreaterThanOrEqual(2);
        expect(c.stats.duplicates).toBe(c.stats.idsReceived - all.length);
        expect(c.stats.invalid).toBe(0);
        for (const page of rest)
          expect(JSON.stringify((await events(page)).filter(([e]) => e !== 'delivered'))).toEqual('[]');
      },
      60_000,
    );
  });

  describe.each([
    ['with Web Locks', false],
    ['without Web Locks', true],
  ])('13: leader frozen (%s)', (_, noLocks) => {
    /**
     * Three tabs; the leader's batch is stored and held by the server, and the
     * leader's JavaScript is paused (the debugger's pause: no task runs, like
     * a frozen tab; its lock stays held). Returns what the test needs.
     */
    async function frozenLeader() {
      const { context, tabs, mine, others, batch } = await leaderHeld(noLocks);
      const cdp = await context.newCDPSession(tabs[0]!);
      await cdp.send('Debugger.enable');
      await cdp.send('Debugger.pause');
      c.set('ok');
      // 35 s pass. The frozen tab's share of the clock change waits until it thaws, as a frozen tab's would.
      const forward = context.clock.fastForward(LEASE_MS + 5000);
      const all = [...mine, ...others];
      await c.waitFor(() => all.every((id) => c.stored.has(id)), 15_000, 'every answer, from another tab');
      for (const page of tabs.slice(1)) await expect.poll(() => waiting(page), { timeout: 5000 }).toEqual([]);
      expect(c.heldCount).toBe(1); // the leader is still frozen in its request
      const thaw = async () => {
        await cdp.send('Debugger.resume');
        await cdp.send('Debugger.disable');
        await forward;
      };
      return { context, tabs, batch, all, thaw };
    }

    test('13: the lease expires and another tab takes over and delivers', async () => {
      const { tabs, all, batch, thaw } = await frozenLeader();
      expect(sorted(c.stored.keys())).toEqual(sorted(all));
      // The frozen leader's batch was sent once by it and once by the tab that took over.
      for (const id of batch) expect(received(id)).toBe(2);
      // The leader thaws and hears the 200 it was waiting for: the server still holds one copy of each.
      c.release(200);
      await thaw();
      await tried(tabs[0]!); // the thawed leader has handled its answer
      expect(sorted(c.stored.keys())).toEqual(sorted(all));
      expect(c.stats.invalid).toBe(0);
    }, 60_000);

    test('13: the thawed leader reports no error (another tab taking over is not a failure)', async () => {
      const { tabs, thaw } = await frozenLeader();
      c.release(200);
      await thaw();
      await tried(tabs[0]!);
      for (const page of tabs)
        expect(JSON.stringify((await events(page)).filter(([e]) => e !== 'delivered'))).toBe('[]');
    }, 60_000);

    test('13: the thawed leader, whose request then fails, does not put back answers another tab delivered', async () => {
      const { tabs, all, thaw } = await frozenLeader();
      // The leader thaws to a failed request (the connection dropped while it was frozen).
      c.dropHeld();
      await thaw();
      await tried(tabs[0]!);
      // Every answer was acknowledged to the tab that took over: none may reappear in the outbox.
      for (const page of tabs) expect(await waiting(page)).toEqual([]);
      expect(sorted(c.stored.keys())).toEqual(sorted(all));
    }, 60_000);
  });

  test('14: answers kept in the localStorage fallback (IndexedDB hung) are delivered on the next start, when IndexedDB works', async () => {
    const dir = newProfile();
    let context = await launch(dir);
    // This session's IndexedDB never answers an open: after 3 s the outbox falls back to localStorage.
    await context.addInitScript(() => {
      IDBFactory.prototype.open = function () {
        return {} as IDBOpenDBRequest;
      };
    });
    const page = await firstTab(context, c);
    c.set('fail');
    const ids = await submit(page, 3);
    expect(sorted(await waiting(page))).toEqual(sorted(ids));
    expect(await events(page)).toContainEqual(['error', { message: expect.stringContaining('localstorage') }]);
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('candor:outbox:r:')).length),
    ).toBe(3);
    await page.close();
    await context.close();

    c.set('ok');
    context = await launch(dir); // IndexedDB works again
    const next = await firstTab(context, c);
    await c.waitFor(() => ids.every((id) => c.stored.has(id)), 10_000, 'the answers kept in localStorage');
    await expect.poll(() => waiting(next)).toEqual([]);
    expect(await next.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('candor:outbox:')))).toEqual(
      [],
    );
  }, 60_000);

  /** 60 answers whose 1,000-character comments are 3 bytes a character in UTF-8 (~200 KB in all). */
  const japanese = (i: number) => `${i}: ${'とても使いやすいです。'.repeat(100)}`.slice(0, 1000);
  /** 160 answers whose 1,000-character comments are ASCII (~200 KB in all). */
  const ascii = (i: number) => `${i}: ${'Great app, the offline mode saves my day. '.repeat(30)}`.slice(0, 1000);

  describe.each([
    ['multi-byte comments', 60, japanese],
    ['ASCII comments', 160, ascii],
  ] as const)('20: unload with ~200 KB pending (%s)', (_, count, comment) => {
    test.each([['false'], ['throw']] as const)(
      '20: sendBeacon %s: at most 60 KB in keepalive requests during unload, no beacon past the budget, the rest kept and delivered on the next start',
      async (beacon) => {
        const KEEPALIVE_BUDGET = 60 * 1024;
        const dir = newProfile();
        let context = await launch(dir, { beacon });
        const page = await firstTab(context, c);
        // The endpoint is down while the answers are given.
        c.set('fail');
        const ids = await submit(page, count, comment);
        const pending = await page.evaluate(async () => {
          const nps = (window as unknown as { nps: { export(): Promise<{ answers: { bytes: number }[] }> } }).nps;
          return (await nps.export()).answers.reduce((sum, a) => sum + a.bytes, 0);
        });
        expect(pending).toBeGreaterThan(190_000);
        // From here the endpoint answers nothing: every keepalive request stays in flight.
        c.set('hold');
        const before = (await sent(page)).length;

        // The page is hidden (headless Chromium never hides a tab, so the signal is dispatched;
        // the requests and the browser's keepalive quota are real), then really closed.
        await page.evaluate(() => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          document.dispatchEvent(new Event('visibilitychange'));
        });
        // The sends start synchronously; every keepalive request the page made reaches the collector
        // (one the browser refused would not, and would carry an error in the page's record).
        const made = (await sent(page)).slice(before).filter((s) => s.kind === 'fetch' && s.keepalive).length;
        await c.waitFor(() => c.log.filter((e) => e.keepalive).length >= made, 5000, 'the keepalive requests');
        const hidden = (await sent(page)).slice(before);
        const keepalive = hidden.filter((s) => s.kind === 'fetch' && s.keepalive);
        // What the page put in flight with keepalive, in bytes on the wire, stays within 60 KB…
        expect(keepalive.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
        // …so the browser refused none of it (Chromium caps keepalive bodies in flight at 64 KB).
        expect(keepalive.filter((s) => s.error)).toEqual([]);
        // The rest is not offered to the beacon (Chromium counts beacons in the same 64 KB quota,
        // and keepalive works here): it stays on the device for the next start.
        expect(hidden.filter((s) => s.kind === 'beacon')).toEqual([]);
        expect(sorted(await waiting(page))).toEqual(sorted(ids));

        const start = c.log.length;
        await page.close(); // pagehide (and visibilitychange) for real
        // Another page of the origin loads after anything the closing page could still send.
        const barrier = await context.newPage();
        await barrier.goto(c.url + '/test/browser/pages/none.html');
        const onTheWire = c.log.slice(start).filter((e) => e.keepalive);
        const all = c.log.filter((e) => e.keepalive);
        expect(all.reduce((sum, e) => sum + e.bytes, 0)).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
        expect(onTheWire.every((e) => e.status === null)).toBe(true);
        await context.close();
        expect(c.stored.size).toBe(0);

        c.set('ok');
        context = await launch(dir, { clock: true });
        const next = await firstTab(context, c);
        await deliveredOnNextStart(context, next, ids);
        expect(sorted(c.stored.keys())).toEqual(sorted(ids));
        expect(c.stats.invalid).toBe(0);
      },
      90_000,
    );
  });

  test('23: app killed without pagehide: delivered on the next launch', async () => {
    const dir = newProfile();
    let context = await launch(dir);
    const page = await firstTab(context, c);
    // Some answers failed once and wait in backoff…
    c.set('fail');
    const failed = await submit(page, 3);
    await c.waitFor(() => failed.every((id) => received(id) > 0), 5000, 'the failed attempts');
    // …and a batch is in flight, already stored by the server, when the app is killed.
    c.set('store-then-hold');
    const inFlight = await submit(page, 2);
    await c.waitFor(() => c.heldCount > 0, 5000, 'the held batch');
    expect(await waiting(page)).toHaveLength(5);
    const killed = killChromium(dir);
    expect(killed.length).toBeGreaterThan(0);
    await new Promise((resolve) => context.once('close', resolve));
    contexts = contexts.filter((x) => x !== context);
    c.dropHeld();

    c.set('ok');
    context = await launch(dir, { clock: true });
    const next = await firstTab(context, c);
    const ids = [...failed, ...inFlight];
    await deliveredOnNextStart(context, next, ids);
    expect(sorted(c.stored.keys())).toEqual(sorted(ids));
    expect(c.stats.invalid).toBe(0);
  }, 60_000);

  test('an answer given before a 6-hour outage (503, no Retry-After), tab open throughout: delivered once the collector recovers', async () => {
    const context = await launch(newProfile(), { clock: true });
    const page = await firstTab(context, c);
    c.set('down');
    const [id] = await submit(page, 1);
    await c.waitFor(() => received(id!) > 0, 5000, 'the first failed try');
    // Six hours of page time pass in 5-minute steps (the backoff is capped at 10 min, then 30 min),
    // with a moment of real time after each step for a due retry to reach the collector.
    for (let t = 0; t < 6 * 60; t += 5) {
      await context.clock.fastForward(5 * 60_000);
      await sleep(40);
    }
    const tries = received(id!);
    expect(tries).toBeGreaterThan(12);
    expect(c.stored.size).toBe(0);
    expect((await events(page)).filter(([e]) => e === 'dropped')).toEqual([]);
    expect(await waiting(page)).toEqual([id]);
    c.set('ok');
    for (let step = 0; step < 8 && !c.stored.has(id!); step++) {
      await context.clock.fastForward(5 * 60_000);
      await c.waitFor(() => c.stored.has(id!), 1000).catch(() => {});
    }
    expect(c.stored.has(id!)).toBe(true);
    await expect.poll(() => waiting(page)).toEqual([]);
    expect((await events(page)).filter(([e]) => e === 'delivered')).toEqual([['delivered', { ids: [id] }]]);
  }, 90_000);

  test("10 (events reach their survey): another tab delivers this tab's answer; this tab hears delivered and sends no copy when hidden", async () => {
    const context = await launch(newProfile());
    const mine = await firstTab(context, c);
    // This tab's flusher is refused once and leaves the endpoint alone for the rest of its life.
    c.set('forbidden');
    const [id] = await submit(mine, 1);
    await expect.poll(async () => (await events(mine)).map(([e]) => e)).toEqual(['error']);
    c.set('ok');
    // Another tab, another survey: its flusher finds the answer at start and delivers it.
    const other = await tab(context, c, { survey: 'other' });
    await c.waitFor(() => c.stored.has(id!), 5000, 'the answer, from the other tab');
    await expect
      .poll(() => events(mine))
      .toEqual([
        ['error', expect.anything()],
        ['delivered', { ids: [id] }],
      ]);
    expect((await events(other)).filter(([e]) => e === 'delivered')).toEqual([]);
    // Hidden: this tab no longer holds the answer as its own, so nothing is sent (the send is synchronous).
    await mine.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect((await sent(mine)).filter((s) => s.keepalive)).toEqual([]);
    expect(received(id!)).toBe(2);
  });

  describe('privacy audit in Chromium', () => {
    async function auditedPage(context: BrowserContext) {
      await context.addInitScript(audit);
      const page = context.pages()[0] ?? (await context.newPage());
      const requests: string[] = [];
      page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
      await page.goto(c.url + PAGE);
      await page.evaluate((endpoint) => {
        const w = window as unknown as { seen: unknown[]; nps: unknown; Candor: { init(c: unknown): any } };
        w.seen = [];
        const nps = (w.nps = w.Candor.init({ survey: 'audit', endpoint, brand: 'Acme Notes' }));
        for (const e of ['shown', 'consent', 'dismiss', 'submit', 'delivered']) nps.on(e, () => w.seen.push(e));
      }, c.endpoint);
      await page.getByRole('dialog', { name: 'Feedback survey' }).waitFor();
      return { page, requests };
    }
    const read = (page: Page) => page.evaluate(() => (window as unknown as { __audit: Audit }).__audit);
    const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const leave = (page: Page) => page.evaluate(hideForGood);
    /**
     * The positive signal that the page's own start-up check ("may storage hold answers from an
     * earlier page?") has run its course: a flush() goes through the same check after it, and opens
     * or sends nothing itself when nothing is stored. Page-leave sends start synchronously.
     */
    const settled = (page: Page) =>
      page.evaluate(() => (window as unknown as { nps: { flush(): Promise<void> } }).nps.flush());
    /** After the page is gone: no database on the origin, nothing at the collector. */
    async function nothingLeft(context: BrowserContext) {
      const page = await context.newPage();
      await page.goto(c.url + '/test/browser/pages/none.html'); // a 404 on the same origin: no Candor
      expect(await page.evaluate(() => indexedDB.databases())).toEqual([]);
      expect(c.stats.requests).toBe(0);
    }
    // In any order: the parts' files are fetched side by side.
    const PAGE_FILES = [`GET ${PAGE}`, ...candorFiles()].toSorted();
    /** Until the person says yes: the code that sends is fetched only then. */
    const BEFORE_YES = [`GET ${PAGE}`, ...candorFilesBeforeYes()].toSorted();

    test('a person who declines: no IndexedDB, no request but the page files, nothing sent', async () => {
      const context = await launch(newProfile());
      const { page, requests } = await auditedPage(context);
      await page.getByRole('button', { name: 'No thanks' }).click();
      await expect.poll(() => seen(page)).toEqual(['shown', 'consent', 'dismiss']);
      await leave(page);
      await settled(page);
      const log = await read(page);
      expect({ ...log, setItem: [] }).toEqual({ idbOpen: [], setItem: [], fetch: [], beacon: [], xhr: [], cookie: [] });
      onlyThrottle(log.setItem);
      await page.close();
      // Loading another page of the origin comes after anything the closed page could still send.
      await nothingLeft(context);
      expect(requests.toSorted()).toEqual(BEFORE_YES);
    }, 60_000);

    test('a person who stops before "yes": no IndexedDB, no request but the page files, nothing sent', async () => {
      const context = await launch(newProfile());
      const { page, requests } = await auditedPage(context);
      await settled(page);
      await leave(page);
      await settled(page);
      const log = await read(page);
      expect({ ...log, setItem: [] }).toEqual({ idbOpen: [], setItem: [], fetch: [], beacon: [], xhr: [], cookie: [] });
      onlyThrottle(log.setItem);
      expect(await seen(page)).toEqual(['shown']);
      await page.close();
      // Loading another page of the origin comes after anything the closed page could still send.
      await nothingLeft(context);
      expect(requests.toSorted()).toEqual(BEFORE_YES);
    }, 60_000);

    test('a person who answers: IndexedDB opened and the answer POSTed, nothing else', async () => {
      const context = await launch(newProfile());
      // The host site has a session cookie on this origin: it must not travel with the answer.
      await context.addCookies([{ name: 'session', value: 'abc123', url: c.url }]);
      const { page, requests } = await auditedPage(context);
      await page.getByRole('button', { name: "Yes, I'll answer" }).click();
      await page.getByRole('radio', { name: '9' }).click();
      await page.getByRole('textbox').fill('Love the offline mode.');
      await page.getByRole('button', { name: 'Send' }).click();
      await c.waitFor(() => c.stored.size === 1, 5000, 'the answer');
      await expect.poll(() => seen(page)).toEqual(['shown', 'consent', 'submit', 'delivered']);
      const log = await read(page);
      expect(log.idbOpen).toContain('candor');
      expect(new Set(log.idbOpen)).toEqual(new Set(['candor']));
      expect(log.fetch).toEqual([c.endpoint]);
      expect({ beacon: log.beacon, xhr: log.xhr, cookie: log.cookie }).toEqual({ beacon: [], xhr: [], cookie: [] });
      expect(requests.slice(0, -1).toSorted()).toEqual(PAGE_FILES);
      expect(requests.at(-1)).toBe('POST /v1/responses');
      // A CORS-simple text/plain POST, without the site's cookie and without a Referer.
      expect(c.log.map((e) => e.headers)).toEqual([
        { contentType: 'text/plain;charset=UTF-8', cookie: undefined, referer: undefined, origin: c.url },
      ]);
      expect([...c.stored.values()]).toEqual([
        expect.objectContaining({ survey: 'audit', score: 9, category: 'promoter', comment: 'Love the offline mode.' }),
      ]);
      expect(c.stats.invalid).toBe(0);
    }, 60_000);
  });
});
