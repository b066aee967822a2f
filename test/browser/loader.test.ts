import { afterEach, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { chromiumMissing, chromiumSuite } from './chromium.js';
import { candorFiles } from './harness.mjs';

// The script tag's loader (dist/candor.js) in real Chromium: what a page view fetches of Candor
// when it does not ask, when stored work is due, and when the parts cannot load; and the
// single file (dist/candor.full.js), which never fetches parts.

const ENDPOINT = 'https://collect.acme.test/v1/responses';
const PAGE = '/test/browser/pages/bare.html';
const FILES = candorFiles();
/**
 * The parts' entry (storage, the survey), the prompt's code (imported when a prompt is drawn) and
 * the code that sends (imported when something is to be sent, or once a person says yes).
 */
const ENGINE = FILES.find((f) => f.includes('/parts/engine-'))!;
const PROMPT = FILES.find((f) => f.includes('/parts/prompt-'))!;
const SENDING = FILES.find((f) => f.includes('/parts/sending-'))!;
const engineFile = ENGINE.slice('GET '.length);
const promptFile = PROMPT.slice('GET '.length);

interface Tab {
  page: Page;
  /** Candor's files this page fetched (`GET /dist/…`). */
  files: string[];
  posts: { responses: { score: number }[] }[];
  problems: string[];
}

describe.skipIf(chromiumMissing())('the loader in Chromium', () => {
  const suite = chromiumSuite();
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  const context = async () => {
    const c = await suite.browser.newContext();
    contexts.push(c);
    return c;
  };

  /** A page of `ctx` that loads `script` and starts a survey with `config`; the endpoint answers `status` (0: refused). */
  async function open(ctx: BrowserContext, config: object, options: { script?: string; status?: number } = {}) {
    const page = await ctx.newPage();
    const tab: Tab = { page, files: [], posts: [], problems: [] };
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/dist/')) tab.files.push(`GET ${path}`);
    });
    page.on('pageerror', (e) => tab.problems.push(e.message));
    await page.route(`${new URL(ENDPOINT).origin}/**`, (route) => {
      const request = route.request();
      const cors = { 'access-control-allow-origin': '*' };
      if (request.method() !== 'POST') return route.fulfill({ status: 204, headers: cors });
      if (!options.status && options.status !== undefined) return route.abort('connectionrefused');
      tab.posts.push(JSON.parse(request.postData() ?? 'null'));
      return route.fulfill({ status: options.status ?? 204, headers: cors });
    });
    await page.goto(suite.server.url + PAGE);
    await page.addScriptTag({ url: options.script ?? '/dist/candor.js' });
    await page.evaluate((config) => {
      const w = window as unknown as { events: [string, unknown][]; Candor: { init(c: object): any } };
      w.events = [];
      const nps = w.Candor.init(config);
      for (const e of ['shown', 'submit', 'delivered', 'error', 'closed'])
        nps.on(e, (d: unknown) => w.events.push([e, d]));
    }, config);
    return tab;
  }
  const events = (page: Page) => page.evaluate(() => (window as unknown as { events: [string, unknown][] }).events);
  const due = (page: Page) => page.evaluate(() => localStorage.getItem('candor:due'));
  /** Lets the page's idle-time work run (the loader looks at stored work in idle time). */
  const idle = (page: Page) => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  const answer = async (page: Page) => {
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    // followUp: false, so the score is the last step.
    await page.getByRole('radio', { name: '9', exact: true }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  };

  test('a survey destroyed on a page with nothing stored is released (the loader does not keep it waiting for work that never comes)', async () => {
    const tab = await open(await context(), { survey: 'first', endpoint: ENDPOINT, rules: { sample: 0 } });
    // Surveys made and destroyed, as a single-page app does on its routes; each config is what the survey holds on to.
    await tab.page.evaluate(() => {
      const w = window as unknown as { refs: WeakRef<object>[]; Candor: { init(c: object): any } };
      w.refs = [];
      for (let i = 0; i < 20; i++) {
        const nps = w.Candor.init({
          survey: `s${i}`,
          endpoint: 'https://collect.acme.test/v1/responses',
          rules: { sample: 0 },
        });
        w.refs.push(new WeakRef(nps.config));
        nps.destroy();
      }
    });
    const cdp = await tab.page.context().newCDPSession(tab.page);
    // WeakRefs are cleared only after the task that made them: let it end, then collect.
    await idle(tab.page);
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const alive = await tab.page.evaluate(
      () => (window as unknown as { refs: WeakRef<object>[] }).refs.filter((r) => r.deref()).length,
    );
    expect(alive).toBe(0);
    expect(tab.files).toEqual(['GET /dist/candor.js']);
  });

  test('a page view the rules say no to, with nothing stored, fetches candor.js and no other file', async () => {
    const tab = await open(await context(), { survey: 'home', endpoint: ENDPOINT, rules: { sample: 0 } });
    await idle(tab.page);
    expect(tab.files).toEqual(['GET /dist/candor.js']);
    expect(await tab.page.locator('candor-nps').count()).toBe(0);
    expect(await tab.page.evaluate(() => localStorage.getItem('candor'))).toBe('{"home":{"pageViews":1}}');
    expect(tab.problems).toEqual([]);
  });

  test('an answer given offline is delivered by a later page view that does not ask; then views fetch nothing more', async () => {
    const ctx = await context();
    const config = { survey: 'home', endpoint: ENDPOINT, followUp: false };
    const first = await open(ctx, config);
    // The connection drops once the prompt is up: the answer is stored, and waits.
    await first.page.getByRole('button', { name: "Yes, I'll answer" }).waitFor();
    await ctx.setOffline(true);
    await answer(first.page);
    // Stored, not delivered: the hint says so (a time and when it was written, nothing else).
    expect(await due(first.page)).toMatch(/^\d+,\d+$/);
    // The next view comes more than a minute later (the hint's times moved back by 61 s): past the
    // minute in which a hint another tab wrote may announce a write still in flight (such a hint is
    // left for a later pass).
    await first.page.evaluate(() => {
      const [at, written] = localStorage.getItem('candor:due')!.split(',').map(Number);
      localStorage.setItem('candor:due', `${at! - 61_000},${written! - 61_000}`);
    });
    await first.page.close();
    await ctx.setOffline(false);

    // The next view: answered, so no prompt; the stored answer is due, so the parts load and deliver
    // it: the parts' entry and the code that sends, not the prompt's code.
    const second = await open(ctx, config);
    await expect.poll(() => second.posts.length).toBe(1);
    expect(second.posts[0]!.responses[0]!.score).toBe(9);
    await idle(second.page);
    expect(second.files).toEqual(['GET /dist/candor.js', ENGINE, SENDING]);
    expect(await second.page.locator('candor-nps').count()).toBe(0);
    await expect.poll(() => due(second.page)).toBe(null);
    await second.page.close();

    const third = await open(ctx, config);
    await idle(third.page);
    expect(third.files).toEqual(['GET /dist/candor.js']);
    expect([first, second, third].flatMap((t) => t.problems)).toEqual([]);
  });

  test('an answer delivered at once leaves no hint behind, and the next view fetches candor.js alone', async () => {
    const ctx = await context();
    const config = { survey: 'home', endpoint: ENDPOINT, followUp: false };
    const first = await open(ctx, config);
    await answer(first.page);
    await expect.poll(() => first.posts.length).toBe(1);
    await expect.poll(() => due(first.page)).toBe(null);
    const next = await open(ctx, config);
    await idle(next.page);
    expect(next.files).toEqual(['GET /dist/candor.js']);
  });

  test("a page view that asks fetches candor.js, the parts and the prompt's code before the prompt shows, the code that sends once the person says yes", async () => {
    const tab = await open(await context(), { survey: 'home', endpoint: ENDPOINT, rules: { delayMs: 0 } });
    await tab.page.getByRole('button', { name: "Yes, I'll answer" }).waitFor();
    await idle(tab.page);
    expect(tab.files.toSorted()).toEqual(['GET /dist/candor.js', ENGINE, PROMPT].toSorted());
    await tab.page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await expect.poll(() => tab.files.includes(SENDING)).toBe(true);
    expect(tab.files.toSorted()).toEqual(FILES.toSorted());
    expect(tab.problems).toEqual([]);
  });

  test('a floating card is on screen, in the top layer, when `shown` fires', async () => {
    const page = await (await context()).newPage();
    await page.goto(suite.server.url + PAGE);
    await page.addScriptTag({ url: '/dist/candor.js' });
    const atShown = await page.evaluate(
      (endpoint) =>
        new Promise((resolve) => {
          const w = window as unknown as { Candor: { init(c: object): any } };
          const nps = w.Candor.init({ survey: 'home', endpoint, rules: { delayMs: 0 } });
          nps.on('shown', () => {
            const card = document.querySelector('candor-nps')!.shadowRoot!.querySelector<HTMLElement>('.card')!;
            resolve({ open: card.matches(':popover-open'), visible: card.checkVisibility() });
          });
        }),
      ENDPOINT,
    );
    expect(atShown).toEqual({ open: true, visible: true });
  });

  test('offline from the moment the prompt shows: the answer is stored, and delivered from the same page once back online', async () => {
    const ctx = await context();
    const tab = await open(ctx, { survey: 'home', endpoint: ENDPOINT, followUp: false });
    await tab.page.getByRole('button', { name: "Yes, I'll answer" }).waitFor();
    await ctx.setOffline(true);
    // The code that sends cannot load now; the answer is stored without it.
    await answer(tab.page);
    expect(await due(tab.page)).toMatch(/^\d+,\d+$/);
    await idle(tab.page);
    expect(tab.posts).toEqual([]);
    const tries = tab.files.filter((f) => f === SENDING).length;
    expect(tries).toBeGreaterThan(0); // tried, and failed: offline
    await ctx.setOffline(false);
    await expect.poll(() => tab.posts.length).toBe(1);
    expect(tab.posts[0]!.responses[0]!.score).toBe(9);
    // A failure while offline is not final: fetched again (with its integrity hash) once online.
    expect(tab.files.filter((f) => f === SENDING).length).toBe(tries + 1);
    // Being offline is no fault: no error event.
    expect((await events(tab.page)).filter(([e]) => e === 'error')).toEqual([]);
    expect(tab.problems).toEqual([]);
  });

  test.each([
    ['missing (404)', 404, 'engine'],
    ['unreachable', 0, 'engine'],
    ["the prompt's code missing (404)", 404, 'prompt'],
    ["the prompt's code unreachable", 0, 'prompt'],
  ])(
    'parts %s: no prompt, one error event naming the file, `closed`, nothing thrown into the page',
    async (_, status, which) => {
      const ctx = await context();
      const file = which === 'engine' ? engineFile : promptFile;
      await ctx.route(`**${file}`, (route) => (status ? route.fulfill({ status }) : route.abort('failed')));
      const tab = await open(ctx, { survey: 'home', endpoint: ENDPOINT });
      await expect.poll(() => events(tab.page)).toHaveLength(2);
      const [[error, data], closed] = await events(tab.page);
      expect(error).toBe('error');
      expect((data as { message: string }).message).toMatch(
        which === 'engine' ? 'Candor could not load its code, so no prompt is shown' : "the prompt's code did not load",
      );
      expect((data as { message: string }).message).toContain(file);
      expect(closed).toEqual(['closed', { survey: 'home', reason: 'hidden' }]);
      expect(await tab.page.locator('candor-nps').count()).toBe(0);
      expect(tab.problems).toEqual([]);
    },
  );

  test.each([
    ['the parts', 'engine'],
    ["the prompt's code", 'prompt'],
  ])('%s failing the integrity check: not run, and not fetched again without it', async (_, which) => {
    const ctx = await context();
    const file = which === 'engine' ? engineFile : promptFile;
    const real = readFileSync(new URL(`../..${file}`, import.meta.url), 'utf8');
    let served = 0;
    await ctx.route(`**${file}`, (route) => {
      served++;
      return route.fulfill({
        contentType: 'text/javascript',
        headers: { 'access-control-allow-origin': '*' },
        body: `window.tampered = true;\n${real}`,
      });
    });
    const tab = await open(ctx, { survey: 'home', endpoint: ENDPOINT });
    await expect.poll(() => events(tab.page)).toHaveLength(2);
    expect((await events(tab.page))[0]![0]).toBe('error');
    await idle(tab.page);
    expect(served).toBe(1);
    expect(await tab.page.evaluate(() => 'tampered' in window)).toBe(false);
    expect(await tab.page.locator('candor-nps').count()).toBe(0);
    expect(tab.problems).toEqual([]);
  });

  test('candor.full.js asks, stores and delivers without fetching any part', async () => {
    const tab = await open(
      await context(),
      { survey: 'home', endpoint: ENDPOINT, followUp: false },
      {
        script: '/dist/candor.full.js',
      },
    );
    await answer(tab.page);
    await expect.poll(() => tab.posts.length).toBe(1);
    expect(tab.files).toEqual(['GET /dist/candor.full.js']);
    expect(tab.problems).toEqual([]);
  });
});
