import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { launchProfile, serve } from './harness.mjs';
import { chromiumMissing } from './chromium.js';
import { profile } from './device.js';

// The webview page (dist/embed.html) in real Chromium, with each of the three
// native hosts simulated by an init script, as a WKWebView, an Android
// WebView with @JavascriptInterface or React Native's WebView would inject
// them, on a 390×844 touch screen. "The app is killed" is the Chromium profile closed without an ack;
// "the next start" is the same profile launched again.

type Kind = 'ios' | 'android' | 'rn';
interface Message {
  candor: number;
  type: string;
  payload: any;
}

/** Runs before the page's scripts: the native object the app injects, recording what it receives. */
function nativeHost(kind: Kind) {
  const w = window as any;
  w.__native = [] as unknown[];
  if (kind === 'ios')
    w.webkit = { messageHandlers: { candor: { postMessage: (m: unknown) => w.__native.push(structuredClone(m)) } } };
  if (kind === 'android') w.CandorAndroid = { postMessage: (json: string) => w.__native.push(JSON.parse(json)) };
  if (kind === 'rn') w.ReactNativeWebView = { postMessage: (json: string) => w.__native.push(JSON.parse(json)) };
}

const fragment = (config: unknown) => `#config=${Buffer.from(JSON.stringify(config)).toString('base64url')}`;
/** A phone's webview. */
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const messages = (page: Page): Promise<Message[]> => page.evaluate(() => (window as any).__native);
const types = async (page: Page) => (await messages(page)).map((m) => m.type);
const offered = async (page: Page) =>
  (await messages(page))
    .filter((m) => m.type === 'responses')
    .flatMap((m) => m.payload.responses.map((r: any) => r.id));
/** Ids waiting in this origin's IndexedDB outbox. */
const waiting = (page: Page): Promise<string[]> =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('candor');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction('outbox').objectStore('outbox').getAllKeys();
          keys.onsuccess = () => {
            open.result.close();
            resolve((keys.result as string[]).filter((k) => k.startsWith('r:')).map((k) => k.split(':')[2]!));
          };
        };
      }),
  );

describe.skipIf(chromiumMissing())('embed.html and the native bridge in Chromium', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let contexts: BrowserContext[] = [];
  let drops: (() => void)[] = [];

  beforeAll(async () => {
    server = await serve();
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    contexts = [];
    drops.splice(0).forEach((drop) => drop());
  });

  /** Opens embed.html in a webview (a Chromium profile) with the app's native object. */
  async function webview(kind: Kind, dir: string, config: unknown, extra = '') {
    const context = await launchProfile(dir, PHONE);
    contexts.push(context);
    await context.addInitScript(nativeHost, kind);
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/dist/embed.html${fragment(config)}${extra}`);
    return { context, page, errors };
  }
  const newDir = () => {
    const p = profile();
    drops.push(p.drop);
    return p.dir;
  };

  test.each<Kind>(['ios', 'android', 'rn'])(
    '%s: ready, shown, consent, responses; a lost ack is offered again on the next start, an ack deletes',
    async (kind) => {
      const dir = newDir();
      let { context, page, errors } = await webview(kind, dir, { survey: 'app', brand: 'Acme Notes' });
      // Full-screen prompt from the fragment's config.
      await page.getByRole('dialog').waitFor();
      await expect.poll(() => types(page)).toEqual(['ready', 'shown']);
      expect((await messages(page))[0]).toMatchObject({ candor: 1, type: 'ready', payload: { survey: 'app' } });

      await page.getByRole('button', { name: "Yes, I'll answer" }).click();
      await page.getByRole('radio', { name: '9' }).click();
      await page.getByRole('textbox').fill('Works offline on the train.');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
      await expect.poll(() => types(page)).toEqual(['ready', 'shown', 'consent', 'responses']);
      const list = await messages(page);
      expect(list[2]!.payload).toEqual({ granted: true });
      const batch = list[3]!.payload;
      expect(batch.v).toBe(1);
      expect(batch.responses).toHaveLength(1);
      expect(batch.responses[0]).toMatchObject({
        survey: 'app',
        score: 9,
        category: 'promoter',
        comment: 'Works offline on the train.',
      });
      const id: string = batch.responses[0].id;
      expect(await waiting(page)).toEqual([id]);

      // The app is killed before it acks: the answer stays on the device.
      await context.close();
      ({ context, page, errors } = await webview(kind, dir, { survey: 'app' }));
      await expect.poll(() => offered(page), { timeout: 10_000 }).toEqual([id]);
      expect(await waiting(page)).toEqual([id]);

      // The app stores it and acks: deleted.
      await page.evaluate((ids) => (window as any).Candor.ack(ids), [id]);
      await expect.poll(() => waiting(page)).toEqual([]);
      expect(errors).toEqual([]);
    },
    60_000,
  );

  test('"No thanks" sends consent {granted: false}, dismiss and closed (declined), and stores nothing', async () => {
    const { page, errors } = await webview('android', newDir(), { survey: 'app' });
    await page.getByRole('button', { name: 'No thanks' }).click();
    await expect.poll(() => types(page)).toEqual(['ready', 'shown', 'consent', 'dismiss', 'closed']);
    const list = await messages(page);
    expect(list[2]!.payload).toEqual({ granted: false });
    expect(list[3]!.payload).toEqual({ survey: 'app', step: 'consent' });
    expect(list[4]!.payload).toEqual({ survey: 'app', reason: 'declined' });
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a fragment that is not base64url JSON logs one line, shows nothing, and tells the app: ready, then error', async () => {
    const context = await launchProfile(newDir(), PHONE);
    contexts.push(context);
    await context.addInitScript(nativeHost, 'rn' as Kind);
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/dist/embed.html#config=bm90IGpzb24`);
    await expect.poll(() => types(page)).toEqual(['ready', 'error']);
    expect((await messages(page))[1]!.payload.message).toContain('#config= is not base64url-encoded JSON');
    expect(await page.locator('candor-nps').count()).toBe(0);
    expect(errors).toEqual(['[Candor] embed.html: #config= is not base64url-encoded JSON of a config object']);
  });

  test('the thank-you step closing posts closed (completed); the next open honours the throttle unless &force=1', async () => {
    const dir = newDir();
    let { context, page } = await webview('ios', dir, { survey: 'app' });
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await page.getByRole('radio', { name: '9' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await expect.poll(() => types(page), { timeout: 10_000 }).toContain('closed');
    expect((await messages(page)).find((m) => m.type === 'closed')!.payload).toEqual({
      survey: 'app',
      reason: 'completed',
    });
    const id = (await offered(page))[0];
    await page.evaluate((ids) => (window as any).Candor.ack(ids), [id]);
    await expect.poll(() => waiting(page)).toEqual([]);
    await context.close();
    // Answered a moment ago: the app opens the webview again, nothing shows, it is told to close.
    ({ context, page } = await webview('ios', dir, { survey: 'app' }));
    await expect.poll(() => types(page)).toEqual(['ready', 'closed']);
    expect((await messages(page))[1]!.payload).toEqual({ survey: 'app', reason: 'hidden' });
    expect(await page.locator('candor-nps').count()).toBe(0);
    await context.close();
    ({ context, page } = await webview('ios', dir, { survey: 'app' }, '&force=1'));
    await page.getByRole('dialog').waitFor();
    await expect.poll(() => types(page)).toEqual(['ready', 'shown']);
  }, 60_000);

  test('390×844 with the on-screen keyboard up: the comment box and Send stay above it', async () => {
    const dir = newDir();
    const context = await launchProfile(dir, PHONE);
    contexts.push(context);
    await context.addInitScript(nativeHost, 'ios' as Kind);
    // A keyboard the page can see: a visualViewport that shrinks, as WebViews report it.
    await context.addInitScript(() => {
      const vv = new EventTarget() as EventTarget & { height: number; width: number; offsetTop: number; scale: number };
      Object.assign(vv, { height: innerHeight, width: innerWidth, offsetTop: 0, scale: 1 });
      Object.defineProperty(window, 'visualViewport', { value: vv });
      (window as any).__keyboard = (px: number) => {
        vv.height = innerHeight - px;
        vv.dispatchEvent(new Event('resize'));
      };
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/dist/embed.html${fragment({ survey: 'app', brand: 'Acme Notes' })}`);
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await page.getByRole('radio', { name: '6' }).click();
    const box = page.getByRole('textbox');
    await box.click();
    await box.fill('The search is slow on my phone.');
    const KEYBOARD = 336; // an iPhone 14 keyboard with the suggestion bar
    await page.evaluate((px) => (window as any).__keyboard(px), KEYBOARD);
    const visibleBottom = 844 - KEYBOARD;
    await expect
      .poll(async () => (await box.boundingBox())!.y + (await box.boundingBox())!.height)
      .toBeLessThanOrEqual(visibleBottom);
    const send = (await page.getByRole('button', { name: 'Send' }).boundingBox())!;
    expect(send.y + send.height).toBeLessThanOrEqual(visibleBottom);
    expect(send.height).toBeGreaterThanOrEqual(44);
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/embed-keyboard-390x844.png' });
    // Keyboard down: the prompt takes the whole screen again.
    await page.evaluate(() => (window as any).__keyboard(0));
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document.querySelector('candor-nps')!.shadowRoot!.querySelector('.modal')!.getBoundingClientRect().height,
        ),
      )
      .toBe(844);
    await page.screenshot({ path: 'screenshots/embed-390x844.png' });
  }, 60_000);
});
