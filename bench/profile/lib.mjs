// Shared set-up for the mount profile (in the spirit of bench/parts/browser.mjs): serves a snapshot
// of dist/candor.js (+ map) from DIR/dist and generated pages. Results: bench/profile/before.md.
import { createServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { ARGS } from '../../test/browser/harness.mjs';

// Outputs (traces, JSON) and the snapshot of dist/candor.js measured go here, outside the repository.
export const DIR = process.env.PROFILE_DIR ?? '/tmp/candor-profile';
// The build measured: copied once into DIR/dist, so a rebuild during a run changes nothing.
const ROOT = new URL('../../', import.meta.url).pathname;
for (const sub of ['dist/parts', 'out', 'exp']) mkdirSync(`${DIR}/${sub}`, { recursive: true });
// The loader and the parts it imports (dist/parts/): a snapshot is taken once per DIR.
if (!existsSync(`${DIR}/dist/candor.js`)) {
  for (const file of readdirSync(`${ROOT}dist/parts`))
    copyFileSync(`${ROOT}dist/parts/${file}`, `${DIR}/dist/parts/${file}`);
  for (const file of ['candor.js.map', 'candor.js']) copyFileSync(`${ROOT}dist/${file}`, `${DIR}/dist/${file}`);
}
export const RATE = 4;
export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 } },
};
// Chromium's flags: the browser tests' own (headless, no sandbox, nothing that calls home).
export { ARGS };
export const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => {
  const a = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (!a.length) return NaN;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};
export const p95 = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.ceil(a.length * 0.95) - 1)];
};
export const r1 = (x) => Math.round(x * 10) / 10;

/** Waits until the machine is quiet enough to measure (1-min load below `max`). */
export async function waitQuiet(max = 1.5, log = console.error) {
  for (let i = 0; loadavg()[0] >= max; i++) {
    if (i % 6 === 0) log(`load ${loadavg()[0].toFixed(2)} ≥ ${max}: waiting`);
    await sleep(10_000);
  }
  return loadavg()[0];
}

// ---------------------------------------------------------------- pages

// Long tasks, afterPaint (rAF → MessageChannel), step arming: as bench/pages/probe.js.
const PROBE = `
(() => {
  const bench = (window.__bench = { longtasks: [], done: {} });
  bench.painted = new Promise((r) => (bench.resolvePainted = r));
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  bench.afterPaint = (mark, name) => {
    if (mark) performance.mark(mark);
    requestAnimationFrame(() => {
      performance.mark(name + ':raf');
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        performance.mark(name + ':painted');
        // Checked after the mark (layout is clean by now): the consent button is visible.
        const b = document.querySelector('candor-nps')?.shadowRoot?.querySelector('.actions .primary');
        const r = b?.getBoundingClientRect();
        bench.visible = !!(b && b.checkVisibility() && r.width > 0 && r.height > 0 && r.top < innerHeight);
        bench.done[name] = true;
        bench.resolvePainted(true);
        console.debug(name + ':painted');
      };
      channel.port2.postMessage(0);
    });
  };
  bench.arm = (name, selector, text = '') =>
    (bench.pending = new Promise((resolve) => {
      const root = document.querySelector('candor-nps').shadowRoot;
      let down;
      addEventListener('pointerdown', (e) => { down = e.timeStamp; performance.mark(name + ':down'); }, { capture: true, once: true });
      const check = () => {
        if (down === undefined) return;
        if (![...root.querySelectorAll(selector)].some((el) => el.textContent.includes(text))) return;
        observer.disconnect();
        const changed = performance.now();
        performance.mark(name + ':changed');
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => { performance.mark(name + ':painted'); resolve({ down, changed, painted: performance.now() }); };
          channel.port2.postMessage(0);
        });
      };
      const observer = new MutationObserver(check);
      observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    }));
})();`;

const BODY = `<main>
      <h1>Acme Notes</h1>
      <p>Write things down. Find them again. A page of ordinary size around the script tag.</p>
      <button id="before" type="button">Start free trial</button>
    </main>`;

function page({ script, init, src = '/dist/candor.js' }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>Acme Notes — profile</title>
    <script>${PROBE}</script>
  </head>
  <body>
    ${BODY}
    <script>performance.mark('candor:start');</script>
    ${script ? `<script src="${src}"></script>` : ''}
    <script>
      performance.mark('candor:loaded');
      ${init}
    </script>
  </body>
</html>`;
}

const pages = (origin) => ({
  // Asks: delayMs 0, the consent step; 'shown' → the frame after.
  '/prompt.html': page({
    script: true,
    init: `const nps = Candor.init({ survey: 'p', endpoint: '${origin}/v1/responses', rules: { delayMs: 0 } });
      performance.mark('candor:init');
      nps.on('shown', () => __bench.afterPaint('candor:shown', 'candor'));`,
  }),
  // Does not ask (sample 0).
  '/quiet.html': page({
    script: true,
    init: `Candor.init({ survey: 'p', endpoint: '${origin}/v1/responses', rules: { sample: 0 } });
      performance.mark('candor:init');`,
  }),
  // Experiment: the same bundle with V8's explicit compile hint (//# allFunctionsCalledOnLoad).
  '/prompt-hints.html': page({
    script: true,
    src: '/exp/candor-hints.js',
    init: `const nps = Candor.init({ survey: 'p', endpoint: '${origin}/v1/responses', rules: { delayMs: 0 } });
      performance.mark('candor:init');
      nps.on('shown', () => __bench.afterPaint('candor:shown', 'candor'));`,
  }),
  // Experiment: init() in its own task after DOMContentLoaded, so the render is not inside the parser's last task.
  '/prompt-late.html': page({
    script: true,
    init: `document.addEventListener('DOMContentLoaded', () => setTimeout(() => {
        const nps = Candor.init({ survey: 'p', endpoint: '${origin}/v1/responses', rules: { delayMs: 0 } });
        performance.mark('candor:init');
        nps.on('shown', () => __bench.afterPaint('candor:shown', 'candor'));
      }));`,
  }),
  // The same page without Candor.
  '/blank.html': page({ script: false, init: `performance.mark('candor:init');` }),
});

/** Static server: the pages above, the dist snapshot, and a counting endpoint. */
export async function startServer() {
  const js = readFileSync(`${DIR}/dist/candor.js`);
  const map = readFileSync(`${DIR}/dist/candor.js.map`);
  const hits = [];
  let origin;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/v1/responses') {
      hits.push(req.method);
      req.resume();
      return res.writeHead(204).end();
    }
    const p = pages(origin)[path];
    if (p) return send(200, 'text/html; charset=utf-8', p);
    if (path === '/dist/candor.js') return send(200, 'text/javascript; charset=utf-8', js);
    if (path === '/dist/candor.js.map') return send(200, 'application/json', map);
    if (/^\/dist\/parts\/[\w-]+\.js(\.map)?$/.test(path) && existsSync(`${DIR}${path}`))
      return send(
        200,
        `${path.endsWith('.map') ? 'application/json' : 'text/javascript'}; charset=utf-8`,
        readFileSync(`${DIR}${path}`),
      );
    if (path === '/exp/candor-hints.js')
      return send(200, 'text/javascript; charset=utf-8', readFileSync(`${DIR}/exp/candor-hints.js`));
    send(404, 'text/plain', 'not found');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    hits,
    close: () => new Promise((r) => (server.closeAllConnections?.(), server.close(() => r()))),
  };
}

/** A fresh context + page with CPU ×RATE, CDP session returned. */
export async function freshPage(browser, vp, rate = RATE) {
  const context = await browser.newContext(VIEWPORTS[vp]);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const cdp = await context.newCDPSession(page);
  if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { context, page, cdp, errors };
}

/** Loads `url` and waits for the page's `<name>:painted` console message: no script is injected meanwhile. */
export async function gotoPainted(page, url, name = 'candor', timeout = 30_000) {
  const painted = page.waitForEvent('console', { predicate: (m) => m.text() === `${name}:painted`, timeout });
  await page.goto(url, { waitUntil: 'commit' });
  await painted;
}

export const marksOf = (page) =>
  page.evaluate(() => ({
    marks: Object.fromEntries([
      ...performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
      ...performance.getEntriesByType('paint').map((m) => [m.name, m.startTime]),
    ]),
    longtasks: window.__bench.longtasks,
    visible: window.__bench.visible,
  }));

// ---------------------------------------------------------------- tracing

export const TRACE_CATEGORIES = [
  '-*',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'blink.user_timing',
  'loading',
  'blink',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.gc',
];

export async function startTrace(cdp, categories = TRACE_CATEGORIES) {
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: categories.filter((c) => c !== '-*') },
  });
  return async () => {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}
