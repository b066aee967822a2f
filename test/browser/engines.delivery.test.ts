import { afterEach, describe, expect, test } from 'vitest';
import { ENGINES, engineMissing, type Page } from './engines/engines.js';
import { events, sent, submit, waiting } from './device.js';
import { CARD, engineSuite, heading, openSurvey, problems, type OpenOptions } from './engineSuite.js';
import { breakIndexedDB, laterClock, type BrokenIndexedDB } from './prepare.js';
import { referenceCollector } from './referenceCollector.js';

// Delivery in Chromium, WebKit and Firefox, one engine after another: the
// answer reaching the collector, the delivery fault scenarios 1, 2, 14 and 23,
// a collector that is down across a reload, and a sandboxed iframe. The
// Chromium-only versions with more scenarios are in faults.test.ts.
//
// Each test starts a fresh device (engines/engines.ts) and a loopback
// collector (collector.mjs) that serves the pages too. "Next start" is
// `browser.restart()`: Chromium and Firefox relaunched on the same profile
// directory, WebKit a new window in the same session (its storage lives
// only there). A crash in WebKit freezes the page's process (see
// engines/webkit.ts), so its Web Lock and 30 s lease stay held: the next start
// after a crash runs its clock 31 s later, in every engine. Time is real
// otherwise (Playwright's clock is Chromium-only).

const LATER = 31_000;
const EVERY_EVENT = ['shown', 'consent', 'dismiss', 'submit', 'delivered', 'dropped', 'error'];

describe.each(ENGINES)('%s', (engine) => {
  describe.skipIf(engineMissing(engine))('delivery', () => {
    const suite = engineSuite(engine);
    const closing: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const close of closing.splice(0)) await close();
    });
    const open = (page: Page, options?: OpenOptions) => openSurvey(page, suite.c, options);
    const sorted = (ids: Iterable<string>) => [...ids].sort();
    /** How many times each id reached the collector. */
    const received = (id: string) => suite.c.log.filter((e) => e.ids.includes(id)).length;
    /** Every id is stored by the collector, and none is left in the page's outbox. */
    async function allDelivered(page: Page, ids: string[]) {
      const { c } = suite;
      await c.waitFor(() => ids.every((id) => c.stored.has(id)), 15_000, 'every answer');
      await expect.poll(() => waiting(page), { timeout: 5000 }).toEqual([]);
      expect(sorted(c.stored.keys())).toEqual(sorted(ids));
      expect(c.stats.invalid).toBe(0);
    }

    test('an answer given in the card reaches the collector once', async () => {
      const { c, browser } = suite;
      const page = await open(await browser.newPage(), {
        config: { brand: 'Acme Notes', rules: { delayMs: 0 } },
        record: EVERY_EVENT,
      });
      await page.click(CARD.primary);
      await page.click(CARD.radio(9));
      await page.waitFor(() => document.querySelector('candor-nps')?.shadowRoot?.activeElement?.id === 'comment');
      await page.type('Sync is instant. Mail me at jane@example.com');
      await page.click(CARD.primary);
      await page.waitFor(heading, 'Thank you!');
      await c.waitFor(() => c.stored.size === 1, 10_000, 'the answer');
      await expect
        .poll(async () => (await events(page)).map(([e]) => e))
        .toEqual(['shown', 'consent', 'submit', 'delivered']);
      expect([...c.stored.values()]).toEqual([
        expect.objectContaining({
          survey: 'engines',
          score: 9,
          category: 'promoter',
          comment: 'Sync is instant. Mail me at [email]',
        }),
      ]);
      expect(c.log.map((e) => e.status)).toEqual([200]);
      expect(c.stats).toMatchObject({ idsReceived: 1, duplicates: 0, invalid: 0 });
      expect(await problems(page)).toEqual([]);
    });

    test('1: tab closed after the server stored but before the ack: resent on the next start, one copy after dedupe', async () => {
      const { c, browser } = suite;
      const page = await open(await browser.newPage());
      c.set('store-then-drop');
      const [id] = await submit(page, 1);
      await c.waitFor(() => c.stored.has(id!), 5000, 'the first attempt');
      // The page saw the attempt fail: no acknowledgement reached it.
      await page.waitFor(
        (id) =>
          (window as unknown as { __sent: { ids: string[]; error?: string }[] }).__sent.some(
            (s) => s.ids.includes(id) && s.error,
          ),
        id!,
      );
      expect((await sent(page)).some((s) => s.status !== undefined)).toBe(false);
      expect(await waiting(page)).toEqual([id]);
      expect(await problems(page)).toEqual([]);
      // The tab closes before the retry (what its pagehide sends is stored and dropped too); the app stops.
      await page.close();
      await browser.restart();
      expect(c.log.filter((e) => e.ids.includes(id!)).every((e) => e.status === null)).toBe(true);
      const before = received(id!);

      c.set('ok');
      const next = await open(await browser.newPage());
      await c.waitFor(() => received(id!) > before, 5000, 'the resend on the next start');
      await allDelivered(next, [id!]);
      expect(c.log.at(-1)).toMatchObject({ ids: [id], status: 200 });
      expect(c.stats.duplicates).toBe(received(id!) - 1);
      expect(await events(next)).toEqual([['delivered', { ids: [id] }]]);
      expect(await problems(next)).toEqual([]);
    });

    test('2: crash between the IndexedDB commit and the first send: delivered on the next start', async () => {
      const { c, browser } = suite;
      // The page's sends never leave it.
      const page = await open(await browser.newPage(), { probe: { hold: true } });
      const ids = await submit(page, 3);
      await page.waitFor(() => (window as unknown as { __sent: unknown[] }).__sent.length > 0);
      expect(await problems(page)).toEqual([]);
      await page.crash();
      expect(c.stats.requests).toBe(0);

      await browser.restart();
      const next = await open(await browser.newPage(), { prepare: (p) => p.evaluate(laterClock, LATER) });
      await allDelivered(next, ids);
      expect(c.stats.duplicates).toBe(0);
      expect((await events(next)).filter(([e]) => e !== 'delivered')).toEqual([]);
      expect(await problems(next)).toEqual([]);
    });

    test.each(['null', 'open throws', 'open hangs'] as BrokenIndexedDB[])(
      '14: IndexedDB %s: degraded within 3 s with an error event, the answer still delivered',
      async (how) => {
        const { browser } = suite;
        const page = await open(await browser.newPage(), { prepare: (p) => p.evaluate(breakIndexedDB, how) });
        const { id, degradedAfter } = await page.evaluate(async () => {
          const nps = (
            window as unknown as {
              nps: { on(e: string, fn: () => void): void; submit(a: unknown): Promise<{ id: string }> };
            }
          ).nps;
          const start = performance.now();
          const degraded = new Promise<number>((resolve) => nps.on('error', () => resolve(performance.now() - start)));
          const { id } = await nps.submit({ score: 7, consentVersion: 'v1' });
          const none = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 5000));
          return { id, degradedAfter: await Promise.race([degraded, none]) };
        });
        // 3 s is the open timeout (a hanging open takes all of it); up to 1 s more is the page's
        // timers running late on two cores shared with the rest of `npm test`.
        expect(degradedAfter, 'ms from submit to the error event').toBeGreaterThanOrEqual(0);
        expect(degradedAfter, 'ms from submit to the error event').toBeLessThan(4000);
        expect((await events(page)).filter(([e]) => e === 'error')).toEqual([
          ['error', { message: expect.stringContaining('storage fell back to localstorage') }],
        ]);
        await allDelivered(page, [id]);
        expect(await events(page)).toContainEqual(['delivered', { ids: [id] }]);
        expect(await problems(page)).toEqual([]);
      },
    );

    test('23: app killed without pagehide: delivered on the next launch', async () => {
      const { c, browser } = suite;
      const page = await open(await browser.newPage());
      // Some answers failed once and wait in backoff…
      c.set('fail');
      const failed = await submit(page, 3);
      await c.waitFor(() => failed.every((id) => received(id) > 0), 5000, 'the failed attempts');
      // …and a batch is in flight, already stored by the server, when the app is killed.
      c.set('store-then-hold');
      const inFlight = await submit(page, 2);
      await c.waitFor(() => c.heldCount > 0, 5000, 'the held batch');
      expect(await waiting(page)).toHaveLength(5);
      expect(await problems(page)).toEqual([]);
      await browser.kill();
      c.dropHeld();

      c.set('ok');
      await browser.restart();
      const next = await open(await browser.newPage(), { prepare: (p) => p.evaluate(laterClock, LATER) });
      await allDelivered(next, [...failed, ...inFlight]);
      expect(await problems(next)).toEqual([]);
    });

    test('collector down, answer, reload, collector back: delivered once', async () => {
      const { c, browser } = suite;
      // Down: every connection is dropped without an answer, nothing stored.
      c.set('drop');
      const config = { rules: { delayMs: 0 } };
      const page = await open(await browser.newPage(), { config, record: EVERY_EVENT });
      await page.click(CARD.primary);
      await page.click(CARD.radio(3));
      await page.click(CARD.secondary);
      await page.waitFor(heading, 'Thank you!');
      const [, answer] = (await events(page)).find(([e]) => e === 'submit')! as [string, { id: string }];
      await c.waitFor(() => received(answer.id) > 0, 5000, 'the failed first attempt');
      expect(await problems(page)).toEqual([]);

      await open(page, { config: { rules: { delayMs: 3_600_000 } } }); // the reload
      c.set('ok'); // back
      // Retried after its backoff: a few seconds.
      await allDelivered(page, [answer.id]);
      expect(c.log.filter((e) => e.ids.includes(answer.id) && e.status === 200)).toHaveLength(1);
      expect(c.stats.duplicates).toBe(0);
      expect(await events(page)).toEqual([['delivered', { ids: [answer.id] }]]);
      expect([...c.stored.values()]).toEqual([expect.objectContaining({ score: 3, category: 'detractor' })]);
      expect(await problems(page)).toEqual([]);
    });

    test('a sandboxed iframe (opaque origin): the answer reaches the reference collector (CANDOR_ORIGINS=null) while the page is open, and an error names the storage mode "memory"', async () => {
      const { c, browser } = suite;
      // The reference collector accepts `Origin: null` only because it is listed; any other page origin is refused.
      const ref = await referenceCollector({ CANDOR_ORIGINS: 'null' });
      closing.push(() => ref.close());
      const page = await browser.newPage();
      await page.goto(`${c.url}/test/browser/pages/sandboxed.html?endpoint=${encodeURIComponent(ref.endpoint)}`);
      type FrameEvents = [string, unknown][];
      const frame = () => page.evaluate(() => (window as unknown as { frameEvents: FrameEvents }).frameEvents);
      // The card shows in the frame (or the frame reports why not).
      await page.waitFor(() =>
        (window as unknown as { frameEvents: FrameEvents }).frameEvents.some(([e]) => e === 'shown' || e === 'problem'),
      );
      expect.soft((await frame()).filter(([e]) => e === 'problem')).toEqual([]);
      // The premise: in an opaque origin IndexedDB, localStorage and Web Locks all throw SecurityError.
      expect
        .soft(await page.waitFor(() => (window as unknown as { frameStorage: unknown }).frameStorage))
        .toEqual({ indexedDB: 'SecurityError', localStorage: 'SecurityError', locks: 'SecurityError' });
      await page.evaluate(() => document.querySelector('iframe')!.contentWindow!.postMessage({ answer: 9 }, '*'));
      await page
        .waitFor(
          () => (window as unknown as { frameEvents: FrameEvents }).frameEvents.some(([e]) => e === 'delivered'),
          undefined,
          10_000,
        )
        .catch(async (error) => {
          throw new Error(`${(error as Error).message}; the frame reported ${JSON.stringify(await frame())}`);
        });
      const seen = await frame();
      const submitted = seen.find(([e]) => e === 'submit')![1] as { id: string; survey: string; score: number };
      expect(submitted).toMatchObject({ survey: 'sandboxed', score: 9 });
      expect(ref.ids()).toEqual([submitted.id]);
      expect(seen.filter(([e]) => e === 'error')).toEqual([['error', { message: expect.stringContaining('memory') }]]);
      expect(seen.filter(([e]) => e === 'problem')).toEqual([]);
    });
  });
});
