import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, serve } from './harness.mjs';
import { chromiumMissing } from './chromium.js';

// The script tag as a site owner pastes it (issue 4, part 1), with the built
// dist/candor.js and dist/snippet.min.js in real Chromium: the snippet's
// queue, auto-init from data- attributes, the script loaded twice, bad
// configs, and a host page that must never see an error escape from Candor.
// Every page loads test/browser/pages/scripttag-listeners.js first: the host
// page's own `window.onerror` and `unhandledrejection` listeners.

const ENDPOINT = 'https://collect.acme.test/v1/responses';
/** Where the snippet loads candor.js from; the tests route it to the built file. */
const CDN = 'https://cdn.example.com/candor.js';
const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));
const { version: VERSION } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
/**
 * How long "renders nothing" waits: a good config draws its prompt one
 * `setTimeout(0)` after the DOM is ready (`data-rules-delay-ms` is 0 by
 * default), so half a second is ample.
 */
const SETTLE_MS = 500;

/** What the test's endpoint does with a POST. */
type Endpoint = 'ok' | 'refuse' | 500;

/** A page opened by a test, with what the test watches on it. */
interface Host {
  page: Page;
  /** Text of every console.error / console.warn, in order. */
  errors: string[];
  warnings: string[];
  /** Uncaught errors and unhandled rejections as Playwright saw them. */
  pageErrors: string[];
  /** Bodies of every POST that reached the endpoint (answered or not). */
  posts: { v: number; responses: Record<string, unknown>[] }[];
}

/** The running survey, as far as these tests use it. */
interface Nps {
  on(event: string, fn: (data: unknown) => void): void;
  export(): Promise<{ answers: { attempts: number; lastError?: string }[] }>;
}

/** The host page's globals these tests read. */
type W = Window & {
  Candor: {
    init(config: unknown): Nps | null;
    version?: string;
    q?: [string, ArrayLike<unknown>][];
  };
  escaped: string[];
  order: unknown[];
  readyGot: unknown[];
  readyGot2: unknown[];
  events: [string, unknown][];
  nps: Nps | null;
  idbOpens: number;
};

describe.skipIf(chromiumMissing())('script tag in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let snippet: string;
  const hosts: Host[] = [];

  beforeAll(async () => {
    snippet = readFileSync(dist('snippet.min.js'), 'utf8');
    server = await serve();
    browser = await launch();
  });
  afterEach(async () => {
    // A safety net on top of what each test asserts: no test may leave an error in its host page.
    const escaped: unknown[] = [];
    for (const h of hosts.splice(0)) {
      escaped.push(...h.pageErrors);
      escaped.push(...((await h.page.evaluate(() => (window as unknown as W).escaped).catch(() => [])) ?? []));
      await h.page.close();
    }
    expect(escaped).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pageUrl = (name: string) => `${server.url}/test/browser/pages/${name}`;

  /**
   * A fresh page (its own context: empty storage) with the endpoint routed.
   * `initScript` runs before any of the page's scripts (e.g. to break IndexedDB).
   */
  async function host(options: { endpoint?: Endpoint; initScript?: string } = {}): Promise<Host> {
    const page = await browser.newPage();
    const h: Host = { page, errors: [], warnings: [], pageErrors: [], posts: [] };
    hosts.push(h);
    page.on('pageerror', (error) => h.pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') h.errors.push(msg.text());
      if (msg.type() === 'warning') h.warnings.push(msg.text());
    });
    if (options.initScript) await page.addInitScript(options.initScript);
    const cors = { 'access-control-allow-origin': '*' };
    await page.route(`${new URL(ENDPOINT).origin}/**`, (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fulfill({ status: 204, headers: cors });
      h.posts.push(JSON.parse(request.postData() ?? 'null'));
      const mode = options.endpoint ?? 'ok';
      if (mode === 'refuse') return route.abort('connectionrefused');
      return route.fulfill({ status: mode === 'ok' ? 204 : mode, headers: cors });
    });
    // The "CDN" serves the loader's parts too, with CORS (as jsDelivr and unpkg do): they are modules from another origin.
    await page.route(`${new URL(CDN).origin}/parts/**`, (route) =>
      route.fulfill({
        path: dist(new URL(route.request().url()).pathname.slice(1)),
        contentType: 'text/javascript',
        headers: cors,
      }),
    );
    // The inline snippet goes into the pages that ask for it, exactly as built. (Were the marker
    // missing, the page's own calls to `Candor` would throw, and the snippet tests fail.)
    await page.route(`${server.url}/test/browser/pages/scripttag-snippet*.html`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      await route.fulfill({ response, body: html.replace('<!-- candor-snippet -->', `<script>${snippet}</script>`) });
    });
    return h;
  }

  /** Consent yes, a score by click, then (with a follow-up) a comment and "Send": the thanks step. */
  async function answer(page: Page, score: number, comment?: string) {
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await page.getByRole('radio', { name: String(score), exact: true }).click();
    if (comment !== undefined) {
      await page.getByRole('textbox').fill(comment);
      await page.getByRole('button', { name: 'Send' }).click();
    }
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor({ timeout: 5000 });
  }

  /** Prompts on screen: the host elements and the cards (one host could hold two cards). */
  const prompts = async (page: Page) => ({
    hosts: await page.locator('candor-nps').count(),
    cards: await page.getByRole('dialog').count(),
  });

  /** What the host page's own listeners recorded. */
  const escaped = (page: Page) => page.evaluate(() => (window as unknown as W).escaped);

  /** `Candor.init(config)` from the host page, recording every event of the instance in `window.events`. */
  const initWithEvents = (page: Page, config: Record<string, unknown>) =>
    page.evaluate((c) => {
      const w = window as unknown as W;
      w.events = [];
      const nps = w.Candor.init(c);
      for (const e of ['shown', 'consent', 'submit', 'dismiss', 'delivered', 'dropped', 'error']) {
        nps?.on(e, (d: unknown) => w.events.push([e, d]));
      }
      w.nps = nps;
      return nps !== null;
    }, config);
  const events = (page: Page) => page.evaluate(() => (window as unknown as W).events.map(([e]) => e));

  describe('the snippet', () => {
    test('queues calls made before candor.js loads and replays them in order once it has', async () => {
      const h = await host();
      const { page } = h;
      // candor.js is held at the "CDN" until the test lets it through: the calls surely come first.
      let requested = false;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(CDN, async (route) => {
        requested = true;
        await held;
        await route.fulfill({ path: dist('candor.js'), contentType: 'text/javascript' });
      });
      try {
        // Not "load": that waits for the async script the route is holding.
        await page.goto(pageUrl('scripttag-snippet.html'), { waitUntil: 'domcontentloaded' });
        await expect.poll(() => requested).toBe(true);
        expect(
          await page.evaluate(() => {
            const w = window as unknown as W;
            return { version: typeof w.Candor.version, queued: w.Candor.q!.map((c) => c[0]), ran: w.order };
          }),
        ).toEqual({ version: 'undefined', queued: ['ready', 'init', 'ready'], ran: [] });
        expect(await prompts(page)).toEqual({ hosts: 0, cards: 0 });
      } finally {
        release();
      }

      await expect
        .poll(() => page.evaluate(() => (window as unknown as W).order))
        .toEqual(['ready1', 'init', 'ready2']);
      // Both ready callbacks got the loaded API (the global, with a version), not the stub.
      expect(
        await page.evaluate(() => [(window as unknown as W).readyGot, (window as unknown as W).readyGot2]),
      ).toEqual([
        [true, VERSION, false],
        [true, VERSION, false],
      ]);

      // The queued init is a working prompt: brand from its config, and the answer is sent.
      await page.getByRole('dialog', { name: 'Feedback survey' }).waitFor();
      await page.getByRole('button', { name: "Yes, I'll answer" }).click();
      await page
        .getByRole('radiogroup', { name: 'How likely are you to recommend Acme Notes to a friend or colleague?' })
        .waitFor();
      await page.getByRole('radio', { name: '9', exact: true }).click();
      await page.getByRole('textbox', { name: 'What do you like most?' }).fill('Fast search.');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
      await expect.poll(() => h.posts.length).toBe(1);
      expect(h.posts[0]).toMatchObject({ v: 1, responses: [{ survey: 'home', score: 9, comment: 'Fast search.' }] });
      expect(await prompts(page)).toEqual({ hosts: 1, cards: 1 });
      expect(h.errors).toEqual([]);
      expect(h.warnings).toEqual([]);
      expect(await escaped(page)).toEqual([]);
    });

    test('an unknown or malformed queued call logs one console.error each, and the calls after it still run', async () => {
      const h = await host();
      const { page } = h;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(CDN, async (route) => {
        await held;
        await route.fulfill({ path: dist('candor.js'), contentType: 'text/javascript' });
      });
      try {
        await page.goto(pageUrl('scripttag-snippet-unknown.html'), { waitUntil: 'domcontentloaded' });
        expect(await page.evaluate(() => (window as unknown as W).Candor.q!.map((c) => c?.[0] ?? null))).toEqual([
          'ready',
          'nope',
          'toString',
          null,
          'init',
          'ready',
        ]);
      } finally {
        release();
      }
      await expect.poll(() => page.evaluate(() => (window as unknown as W).order)).toEqual(['ready1', 'ready2']);
      // The init queued after the bad call ran too: its prompt appears.
      await page.getByRole('dialog', { name: 'Feedback survey' }).waitFor();
      expect(h.errors).toEqual([
        '[Candor] nope() is not a Candor function; call ignored',
        '[Candor] toString() is not a Candor function; call ignored',
        expect.stringMatching(/^\[Candor\] a queued call failed: /),
      ]);
      expect(await escaped(page)).toEqual([]);
    });
  });

  describe('auto-init from data- attributes', () => {
    test('shows the prompt with the brand, accent and policy link, and goes straight to thanks with data-follow-up="false"', async () => {
      const h = await host();
      const { page } = h;
      await page.goto(pageUrl('scripttag-attributes.html'));
      await page.getByRole('dialog', { name: 'Feedback survey' }).waitFor();

      // data-consent-policy-url and data-theme-accent reached the card.
      expect(await page.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe(
        'https://acme.test/privacy',
      );
      const yes = page.getByRole('button', { name: "Yes, I'll answer" });
      expect(await yes.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(194, 24, 91)'); // #c2185b
      await yes.click();

      // data-brand is in the question.
      await page
        .getByRole('radiogroup', { name: 'How likely are you to recommend Acme Notes to a friend or colleague?' })
        .waitFor();
      // data-follow-up="false": the score is the last step (with a follow-up, thanks needs "Send").
      await page.getByRole('radio', { name: '9', exact: true }).click();
      await page.getByRole('heading', { name: 'Thank you!' }).waitFor({ timeout: 5000 });
      expect(await page.getByRole('textbox').count()).toBe(0);

      await expect.poll(() => h.posts.length).toBe(1);
      expect(h.posts[0]!.responses).toEqual([expect.objectContaining({ survey: 'home', score: 9 })]);
      expect(h.posts[0]!.responses[0]).not.toHaveProperty('comment');
      expect(h.errors).toEqual([]);
      expect(h.warnings).toEqual([]);
      expect(await escaped(page)).toEqual([]);
    });

    test('a typo attribute (data-endpiont) logs one console.error naming the key, renders nothing, and Candor.init still works', async () => {
      const h = await host();
      const { page } = h;
      await page.goto(pageUrl('scripttag-typo.html'));
      await expect.poll(() => h.errors.length).toBe(1);
      expect(h.errors[0]).toMatch(/^\[Candor\] .*endpiont/);
      expect(h.errors[0]).not.toContain('\n');
      await page.waitForTimeout(SETTLE_MS);
      expect(await prompts(page)).toEqual({ hosts: 0, cards: 0 });

      // The failed auto-init left nothing half-running: the same survey starts cleanly by hand.
      expect(await initWithEvents(page, { survey: 'home', endpoint: ENDPOINT })).toBe(true);
      await page.getByRole('dialog', { name: 'Feedback survey' }).waitFor();
      expect(await prompts(page)).toEqual({ hosts: 1, cards: 1 });
      expect(h.errors).toHaveLength(1);
      expect(h.warnings).toEqual([]);
      expect(await escaped(page)).toEqual([]);
    });
  });

  describe('loading the script twice', () => {
    test('two script tags with data-survey="home" render one prompt and warn once', async () => {
      const h = await host();
      const { page } = h;
      await page.goto(pageUrl('scripttag-twice.html'));
      await page.getByRole('dialog', { name: 'Feedback survey' }).waitFor();
      await page.waitForTimeout(SETTLE_MS); // room for a second prompt, were one coming
      expect(await prompts(page)).toEqual({ hosts: 1, cards: 1 });
      expect(h.warnings).toHaveLength(1);
      expect(h.warnings[0]).toMatch(/^\[Candor\] .*"home".*already running/);
      expect(h.errors).toEqual([]);
      expect(await escaped(page)).toEqual([]);
    });

    test('the script loaded twice and init called twice for one survey: one prompt, the same instance, one warning', async () => {
      const h = await host();
      const { page } = h;
      await page.goto(pageUrl('scripttag-twice-init.html'));
      const result = await page.evaluate((endpoint) => {
        const { Candor } = window as unknown as W;
        const first = Candor.init({ survey: 'home', endpoint });
        const second = Candor.init({ survey: 'home', endpoint });
        return { first: first !== null, same: first === second };
      }, ENDPOINT);
      expect(result).toEqual({ first: true, same: true });
      await page.getByRole('dialog', { name: 'Feedback survey' }).waitFor();
      await page.waitForTimeout(SETTLE_MS);
      expect(await prompts(page)).toEqual({ hosts: 1, cards: 1 });
      expect(h.warnings).toHaveLength(1);
      expect(h.warnings[0]).toMatch(/^\[Candor\] .*"home".*already running/);
      expect(h.errors).toEqual([]);
      expect(await escaped(page)).toEqual([]);
    });
  });

  test('a bad config via Candor.init returns null, logs one console.error line each and renders nothing', async () => {
    const h = await host();
    const { page } = h;
    await page.goto(pageUrl('scripttag-host.html'));
    const results = await page.evaluate(() => {
      const { Candor } = window as unknown as W;
      return [null, { survey: 'Bad!' }, { survey: 'home', endpoint: 'ftp://x' }].map((c) => Candor.init(c));
    });
    expect(results).toEqual([null, null, null]);
    expect(h.errors).toHaveLength(3);
    // One line each, naming what is wrong: the whole config, the survey id, the endpoint.
    expect(h.errors[0]).toMatch(/^\[Candor\] config: /);
    expect(h.errors[1]).toMatch(/^\[Candor\] survey: /);
    expect(h.errors[2]).toMatch(/^\[Candor\] endpoint: /);
    for (const line of h.errors) expect(line).not.toContain('\n');
    await page.waitForTimeout(SETTLE_MS);
    expect(await prompts(page)).toEqual({ hosts: 0, cards: 0 });
    expect(await escaped(page)).toEqual([]);
  });

  describe('nothing escapes into the host page', () => {
    test("the host page's listeners do record what escapes (so an empty list means something)", async () => {
      const h = await host();
      const { page } = h;
      await page.goto(pageUrl('scripttag-host.html'));
      await page.evaluate(() => {
        setTimeout(() => {
          throw new Error('thrown by the test');
        });
        void Promise.reject(new Error('rejected by the test'));
      });
      // (The two arrive in either order.)
      await expect.poll(() => escaped(page).then((list) => list.length)).toBe(2);
      expect(await escaped(page)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^unhandledrejection: .*rejected by the test/),
          expect.stringMatching(/^error: .*thrown by the test/),
        ]),
      );
      await expect.poll(() => h.pageErrors.length).toBe(2);
      // This test's escapes are on purpose: keep them out of the afterEach check.
      await page.evaluate(() => ((window as unknown as W).escaped = []));
      h.pageErrors.length = 0;
    });

    test('during bad configs, including ones that throw when read', async () => {
      const h = await host();
      const { page } = h;
      await page.goto(pageUrl('scripttag-host.html'));
      const results = await page.evaluate((endpoint) => {
        const { Candor } = window as unknown as W;
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke(); // any read of a revoked proxy throws a TypeError
        const configs: unknown[] = [
          null,
          undefined,
          'home',
          42,
          [],
          { survey: 'Bad!' },
          { survey: 'home', endpoint: 'ftp://x' },
          { survey: 'home', endpoint, rules: { delayMs: -1 } },
          { survey: 'home', endpoint, theme: 'dark' },
          {
            get survey(): string {
              throw new Error('a getter that throws');
            },
          },
          proxy,
        ];
        return configs.map((c) => Candor.init(c));
      }, ENDPOINT);
      expect(results).toEqual(Array(11).fill(null));
      expect(h.errors).toHaveLength(11);
      expect(h.errors.every((line) => line.startsWith('[Candor] '))).toBe(true);
      await page.waitForTimeout(SETTLE_MS);
      expect(await prompts(page)).toEqual({ hosts: 0, cards: 0 });
      expect(await escaped(page)).toEqual([]);
      expect(h.pageErrors).toEqual([]);
    });

    /**
     * Answers the prompt on a page whose IndexedDB is broken by `initScript`:
     * the answer is still accepted (`submit`; an `error` naming the fallback is
     * fine), delivered from the fallback, and nothing reaches the host page.
     */
    async function answerWithBrokenStorage(initScript: string) {
      const h = await host({ initScript });
      const { page } = h;
      await page.goto(pageUrl('scripttag-host.html'));
      expect(await initWithEvents(page, { survey: 'home', endpoint: ENDPOINT })).toBe(true);
      await answer(page, 8, 'Offline sync, please.');
      // Falling back after a hang takes the 3 s open timeout.
      await expect.poll(() => events(page), { timeout: 10_000 }).toContain('submit');
      expect(await page.evaluate(() => (window as unknown as W).idbOpens)).toBeGreaterThan(0);
      const errors = await page.evaluate(() =>
        (window as unknown as W).events
          .filter(([e]) => e === 'error')
          .map(([, d]) => (d as { message: string }).message),
      );
      for (const message of errors) expect(message).toMatch(/storage fell back to localstorage/);
      await expect.poll(() => h.posts.length, { timeout: 10_000 }).toBe(1);
      expect(h.posts[0]!.responses).toEqual([expect.objectContaining({ score: 8, comment: 'Offline sync, please.' })]);
      expect(await escaped(page)).toEqual([]);
      expect(h.pageErrors).toEqual([]);
    }

    test('when indexedDB.open throws; the answer is still accepted', async () => {
      await answerWithBrokenStorage(`
        window.idbOpens = 0;
        IDBFactory.prototype.open = function () {
          window.idbOpens++;
          throw new DOMException('IndexedDB is broken (test)', 'UnknownError');
        };
      `);
    });

    test('when indexedDB.open never answers; the answer is still accepted', async () => {
      // A real open request whose events never reach the caller: it hangs, as a blocked open does.
      await answerWithBrokenStorage(`
        window.idbOpens = 0;
        const open = IDBFactory.prototype.open;
        IDBFactory.prototype.open = function (...args) {
          window.idbOpens++;
          const request = open.apply(this, args);
          for (const name of ['onsuccess', 'onerror', 'onupgradeneeded', 'onblocked']) {
            Object.defineProperty(request, name, { get: () => null, set() {} });
          }
          request.addEventListener = () => {};
          return request;
        };
      `);
    });

    /**
     * Answers the prompt while the endpoint fails as `endpoint` says; waits
     * until the page has tried to send and has recorded the failure on the
     * stored answer (so the failure was handled, not merely started).
     */
    async function answerWhileEndpointFails(endpoint: Endpoint, lastError: RegExp) {
      const h = await host({ endpoint });
      const { page } = h;
      await page.goto(pageUrl('scripttag-host.html'));
      expect(await initWithEvents(page, { survey: 'home', endpoint: ENDPOINT })).toBe(true);
      await answer(page, 3, 'Too slow.');
      await expect.poll(() => events(page)).toContain('submit');
      await expect.poll(() => h.posts.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      await expect
        .poll(() => page.evaluate(async () => (await (window as unknown as W).nps!.export()).answers[0]?.lastError))
        .toMatch(lastError);
      expect(await escaped(page)).toEqual([]);
      expect(h.pageErrors).toEqual([]);
    }

    test('when the endpoint refuses the connection', async () => {
      await answerWhileEndpointFails('refuse', /./);
    });

    test('when the endpoint answers 500', async () => {
      await answerWhileEndpointFails(500, /HTTP 500/);
    });
  });
});
