import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './harness.mjs';
import { sendFile } from '../../demo/sendFile.mjs';
import { PATH, startCollector } from './collector.mjs';
import { startCorsGate } from './corsGate.mjs';
import { chromiumMissing } from './chromium.js';

// The built script tag on host pages that fight it. Each page is
// answered with real clicks and keys, consent ▸ score ▸ follow-up ▸ thanks, and
// the answer must reach a real loopback collector on another origin, as in
// production, through a CORS front (corsGate.mjs) that answers preflights.

/** What each hostile page adds. */
interface Hostile {
  /** Markup in <head>, before candor.js loads. */
  head: string;
  /** Markup appended to <body> once the prompt is on screen (a late script's layer). */
  late?: string;
  /** An expression that is true in the page while the hostility is in effect, so no case passes vacuously. */
  proof: string;
}

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
// What tracing libraries do (OpenTelemetry's fetch instrumentation with
// propagateTraceHeaderCorsUrls): every request, cross-origin ones too, gets a header.
const FETCH_WRAPPER = `
  const nativeFetch = window.fetch;
  window.fetch = function tracedFetch(input, init = {}) {
    const headers = new Headers(init.headers);
    headers.set('traceparent', '${TRACEPARENT}');
    return nativeFetch.call(this, input, { ...init, headers });
  };`;

const CASES: [string, Hostile][] = [
  [
    'every property unset and 40 px type (* { all: unset !important })',
    {
      head: '<style>* { all: unset !important; font-size: 40px !important }</style>',
      proof: "getComputedStyle(document.body).fontSize === '40px'",
    },
  ],
  [
    'every button hidden (button { display: none !important })',
    {
      head: '<style>button { display: none !important }</style>',
      proof: "getComputedStyle(document.getElementById('trial')).display === 'none'",
    },
  ],
  [
    'right-to-left and zoomed to 150% (html { direction: rtl; zoom: 1.5 })',
    {
      head: '<style>html { direction: rtl; zoom: 1.5 }</style>',
      proof:
        "getComputedStyle(document.documentElement).direction === 'rtl' && getComputedStyle(document.documentElement).zoom === '1.5'",
    },
  ],
  [
    // Added after the prompt, so the overlay is later in the DOM than the card's host:
    // only the top layer (Card.tsx) keeps the card above it, not z-index or order.
    'a full-page overlay at z-index 2147483647 added after the prompt appeared',
    {
      head: '<style>#overlay { position: fixed; inset: 0; z-index: 2147483647; background: #0000000d }</style>',
      late: '<div id="overlay"></div>',
      proof: "document.elementFromPoint(5, 5)?.id === 'overlay'",
    },
  ],
  [
    'a fetch wrapper that adds a tracing header to every request',
    { head: `<script>${FETCH_WRAPPER}</script>`, proof: "window.fetch.name === 'tracedFetch'" },
  ],
  [
    'Object.prototype polluted before candor.js loads',
    { head: "<script>Object.prototype.polluted = 'x';</script>", proof: "({}).polluted === 'x'" },
  ],
];

describe.skipIf(chromiumMissing())('hostile host pages in Chromium', () => {
  let browser: Browser;
  let site: ReturnType<typeof createServer>;
  let siteUrl: string;
  /** The host page the site serves at `/`; each test writes its own. */
  let html = '';
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let gate: Awaited<ReturnType<typeof startCorsGate>>;

  beforeAll(async () => {
    // The host site: a real loopback server. (From a page fulfilled by page.route, Chromium's
    // local network access check refused the POSTs to the loopback collector.)
    // It serves candor.js and the parts the loader fetches from next to it; every other path is the page.
    const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
    site = createServer((req, res) =>
      /^\/dist\/(candor\.js|parts\/[\w-]+\.js)$/.test(req.url ?? '')
        ? void sendFile(res, dist + req.url!.slice('/dist/'.length))
        : res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
    );
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  });
  beforeEach(async () => {
    collector = await startCollector();
  });
  afterEach(async () => {
    await gate?.close();
    await collector?.close();
  });

  /**
   * Opens a host page with `head` before the script tag. `problems` gathers errors thrown
   * into the page and console errors; `warnings` Candor's own warnings (e.g. an answer
   * that could not be stored, while the card still says thank you).
   */
  async function open(head: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    const warnings: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
      else if (msg.type() === 'warning' && msg.text().startsWith('[Candor]')) warnings.push(msg.text());
    });
    html = `<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <link rel="icon" href="data:," />
          <title>Acme — a hostile host page</title>
          ${head}
          <script src="/dist/candor.js"></script>
          <script>window.nps = Candor.init({ survey: 'home', endpoint: '${gate.url}${PATH}' });</script>
        </head>
        <body>
          <main>
            <h1>Acme Notes</h1>
            <p>Write things down. Find them again.</p>
            <button id="trial" type="button">Start free trial</button>
          </main>
        </body>
      </html>`;
    await page.goto(`${siteUrl}/`);
    return { page, problems, warnings };
  }

  /** Consent ▸ 8 ▸ a comment ▸ Send ▸ Thank you, with real clicks and keys. */
  async function answer(page: Page) {
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await page.getByRole('radio', { name: '8' }).click();
    await page.getByRole('textbox', { name: 'What would make it a 10 for you?' }).waitFor();
    await page.keyboard.type('Faster search, please.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  }

  test.each(CASES)('the prompt is shown, answered and delivered on a page with %s', async (_, hostile) => {
    gate = await startCorsGate(collector.url);
    const { page, problems, warnings } = await open(hostile.head);
    const card = page.getByRole('dialog', { name: 'Feedback survey' });
    await card.waitFor();
    if (hostile.late) await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), hostile.late);
    expect(await page.evaluate(hostile.proof)).toBe(true);

    // Entirely on screen once it has slid in, in the card's own type (17 px), whatever the page did.
    await card.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    const heading = page.getByRole('heading', { name: 'May we ask you one quick question?' });
    expect(await heading.evaluate((el) => getComputedStyle(el).fontSize)).toBe('17px');

    // Playwright clicks only what is hit at the click point: a covered card fails here.
    await answer(page);
    await collector.waitFor(() => collector.stored.size === 1 || warnings.length > 0, 10_000, 'the answer');
    expect(warnings).toEqual([]);
    expect([...collector.stored.values()]).toEqual([
      expect.objectContaining({ survey: 'home', score: 8, category: 'passive', comment: 'Faster search, please.' }),
    ]);
    // Only the fetch wrapper's header makes the browser preflight; then the POST carries it.
    const traced = hostile.head.includes('tracedFetch');
    expect(gate.preflights.map((p) => p.requestHeaders)).toEqual(traced ? ['traceparent'] : []);
    expect(gate.passed.every((p) => p.headers.traceparent === (traced ? TRACEPARENT : undefined))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  // What a site owner sees when their collector answers preflights with only
  // `Access-Control-Allow-Headers: content-type` (or not at all) and their page
  // wraps fetch to add a header: Chromium logs a CORS error naming the header on
  // every attempt, and nothing arrives. Candor does not route around the page's
  // own fetch wrapper; it keeps the answer on the device and retries with backoff
  // (dropped after 25 failures), so the fix is on the collector: answer OPTIONS
  // allowing the requested headers (see corsGate.mjs).
  test('behind a fetch wrapper, a collector that refuses the extra header gets nothing and the answer stays on the device', async () => {
    gate = await startCorsGate(collector.url, { allowHeaders: 'content-type' });
    const { page, problems } = await open(`<script>${FETCH_WRAPPER}</script>`);
    await answer(page);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const nps = (window as unknown as { nps: { export(): Promise<{ answers: any[] }> } }).nps;
          return (await nps.export()).answers.map((a) => ({ score: a.body.score, failed: a.attempts > 0 }));
        }),
      )
      .toEqual([{ score: 8, failed: true }]);
    expect(gate.preflights.length).toBeGreaterThanOrEqual(1);
    expect(gate.passed).toEqual([]);
    expect(collector.stats.requests).toBe(0);
    // Nothing thrown into the page; the console errors are Chromium's own CORS report.
    expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
    expect(problems.some((p) => /CORS policy.*traceparent/.test(p))).toBe(true);
    expect(problems.every((p) => /CORS policy|net::ERR_FAILED/.test(p))).toBe(true);
    await page.close();
  });
});
