// Time to show the prompt, Candor next to the peers that can be rendered
// offline from their npm packages, in the same harness: real Chromium, a fresh
// browser context per run (empty cache and storage: a first visit), CPU
// throttled ×4 through CDP, everything served from one loopback server.
//
// Timeline of one run (all `performance.now()` in the page):
//   start    an inline script right before the product's <script src> tag
//   loaded   an inline script right after it (the file fetched, parsed, run)
//   dom      the prompt's first interactive control is in the DOM
//            (Candor: a <button> in <candor-nps>'s shadow root; PostHog: a
//            <button> in the shadow root of `.PostHogSurvey-<id>`; Formbricks:
//            a <label>/<button> under #fbjs)
//   painted  the frame that holds it: requestAnimationFrame after `dom`, then a
//            message task (so the frame has been produced)
// plus the product's own "shown" signal where it has one (Candor's `shown`
// event, PostHog's `PHSurveyShown` window event) as a cross-check, and the
// main-thread long tasks (PerformanceObserver "longtask", registered before
// anything else) between `start` and `painted`.
//
// BENCH_DEBUG=1 logs the pages' console and saves a screenshot of each
// product's prompt to /tmp/bench-<product>.html.png (to see what was measured).
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fetchPackage, PEERS } from '../lib/packages.mjs';

const THROTTLE = 4;
/** Candor's second row: a prompt due this long after the page is parsed (its code loads meanwhile). */
const DELAY_MS = 1000;
/** Both viewports the targets are set for: a phone (bottom sheet, touch) and a desktop (the card in a corner). */
const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 } },
};
const TOKEN = 'phc_bench_offline_token';
const SURVEY_ID = '0190c0de-0000-7000-8000-00000000b001';

/** PostHog's remote config for a project with surveys on and everything else off. */
const POSTHOG_REMOTE_CONFIG = {
  token: TOKEN,
  supportedCompression: ['gzip', 'gzip-js'],
  hasFeatureFlags: false,
  captureDeadClicks: false,
  capturePerformance: false,
  autocapture_opt_out: true,
  autocaptureExceptions: false,
  analytics: { endpoint: '/i/v0/e/' },
  elementsChainAsString: true,
  sessionRecording: false,
  heatmaps: false,
  surveys: true,
  productTours: false,
  defaultIdentifiedOnly: true,
  siteApps: [],
};

/** One NPS survey as PostHog's `/api/surveys/` returns it (types from @posthog/browser-common). */
const POSTHOG_SURVEY = {
  id: SURVEY_ID,
  name: 'NPS (bench)',
  description: '',
  type: 'popover',
  feature_flag_keys: [],
  linked_flag_key: null,
  targeting_flag_key: null,
  internal_targeting_flag_key: null,
  questions: [
    {
      id: 'q-nps',
      type: 'rating',
      question: 'How likely are you to recommend us to a friend or colleague?',
      description: '',
      display: 'number',
      scale: 10,
      lowerBoundLabel: 'Not at all likely',
      upperBoundLabel: 'Extremely likely',
      optional: false,
      skipSubmitButton: true,
    },
  ],
  appearance: { position: 'right', surveyPopupDelaySeconds: 0, whiteLabel: false },
  conditions: null,
  start_date: '2024-01-01T00:00:00Z',
  end_date: null,
  current_iteration: null,
  current_iteration_start_date: null,
  schedule: 'once',
};

/** The same NPS survey for Formbricks' renderer (types from the package's source map: @formbricks/types/surveys). */
const FORMBRICKS_SURVEY = {
  id: 'bench-nps',
  name: 'NPS (bench)',
  type: 'app',
  status: 'inProgress',
  welcomeCard: { enabled: false, timeToFinish: false, showResponseCount: false },
  thankYouCard: { enabled: true, headline: 'Thank you!' },
  hiddenFields: { enabled: false },
  questions: [
    {
      id: 'q-nps',
      type: 'nps',
      headline: 'How likely are you to recommend us to a friend or colleague?',
      required: true,
      lowerLabel: 'Not at all likely',
      upperLabel: 'Extremely likely',
    },
  ],
  styling: null,
  variables: [],
  autoClose: null,
  delay: 0,
  redirectUrl: null,
};

// ---------------------------------------------------------------- the pages

const HEAD = (title) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<link rel="icon" href="data:,"><title>${title}</title>
<script>
  window.__bench = { longTasks: [], marks: {} };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__bench.noLongTasks = String(e); }
  window.__bench.painted = new Promise((resolve) => (window.__bench.resolvePainted = resolve));
  window.__bench.mark = (name) => {
    if (!(name in window.__bench.marks)) window.__bench.marks[name] = performance.now();
    if (name === 'painted') window.__bench.resolvePainted();
  };
  // Resolves "dom" once find() returns an element, then "painted" one frame later.
  window.__bench.watch = (find) => {
    const done = () => {
      window.__bench.mark('dom');
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => window.__bench.mark('painted');
        ch.port2.postMessage(0);
      });
    };
    // Found and visible (a control inside a popover not yet shown is in the DOM but not on screen).
    const check = () => { const el = find(); if (el && (!el.checkVisibility || el.checkVisibility())) { observer.disconnect(); for (const o of inner) o.disconnect(); done(); return true; } return false; };
    const inner = [];
    const observeRoots = () => {
      // Shadow roots are not seen by a document observer: observe each open one found.
      for (const el of document.querySelectorAll('*')) if (el.shadowRoot && !el.shadowRoot.__benchObserved) {
        el.shadowRoot.__benchObserved = true;
        const o = new MutationObserver(() => check()); o.observe(el.shadowRoot, { childList: true, subtree: true }); inner.push(o);
        // A popover shown makes no mutation: look right after showPopover() (beforetoggle fires inside it).
        el.shadowRoot.addEventListener('beforetoggle', () => queueMicrotask(() => 'dom' in window.__bench.marks || check()), true);
      }
    };
    const observer = new MutationObserver(() => { if (!check()) observeRoots(); });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    // A shadow root attached after its host was inserted makes no mutation the observers see: look once a frame too.
    const poll = () => { if (!('dom' in window.__bench.marks) && !check()) { observeRoots(); requestAnimationFrame(poll); } };
    if (!check()) { observeRoots(); requestAnimationFrame(poll); }
  };
</script>
</head><body>
<main><h1>A product page</h1><p>Some content the prompt appears over.</p></main>
`;

const pages = {
  candor: (origin) => candorPage(origin, '/candor.js', 0),
  // The same files under another path, so the server can tell the two pages' requests apart.
  candorlater: (origin) => candorPage(origin, '/later/candor.js', DELAY_MS),

  posthog: (origin) => `${HEAD('PostHog')}
<script>
  window.__bench.watch(() => document.querySelector('.PostHogSurvey-${SURVEY_ID}')?.shadowRoot?.querySelector('button'));
  window.addEventListener('PHSurveyShown', () => window.__bench.mark('shown'));
  window.__bench.mark('start');
</script>
<script src="/static/array.js"></script>
<script>
  window.__bench.mark('loaded');
  // opt_out_useragent_filter: headless Chromium's user agent looks like a bot to PostHog, which then
  // drops its events; a real visitor's browser is not filtered, so neither is this one.
  posthog.init('${TOKEN}', { api_host: '${origin}', person_profiles: 'identified_only', opt_out_useragent_filter: true });
</script>
</body></html>`,

  formbricks: () => `${HEAD('Formbricks')}
<script>
  window.__bench.watch(() => document.querySelector('#fbjs label, #fbjs button'));
  window.__bench.mark('start');
</script>
<script src="/formbricks/index.umd.js"></script>
<script>
  window.__bench.mark('loaded');
  window.formbricksSurveys.renderSurveyModal({
    survey: ${JSON.stringify(FORMBRICKS_SURVEY)},
    brandColor: '#0b57d0', isBrandingEnabled: true, placement: 'bottomRight', clickOutside: false,
    darkOverlay: false, highlightBorderColor: null,
    onDisplay: () => window.__bench.mark('shown'), onResponse: () => {}, onClose: () => {}, onRetry: () => {},
    onActiveQuestionChange: () => {}, onFinished: () => {}, onFileUpload: async () => '',
  });
</script>
</body></html>`,
};

/** Candor's page: the loader, then init with the prompt due `delayMs` after the document is parsed. */
function candorPage(origin, src, delayMs) {
  return `${HEAD('Candor')}
<script>
  window.__bench.watch(() => document.querySelector('candor-nps')?.shadowRoot?.querySelector('button'));
  // Registered before Candor's own listener: when the rules start counting the delay.
  document.addEventListener('DOMContentLoaded', () => window.__bench.mark('ready'));
  window.__bench.mark('start');
</script>
<script src="${src}"></script>
<script>
  window.__bench.mark('loaded');
  const nps = Candor.init({ survey: 'bench', endpoint: '${origin}/v1/responses', rules: { delayMs: ${delayMs} } });
  nps.on('shown', () => window.__bench.mark('shown'));
</script>
</body></html>`;
}

// ---------------------------------------------------------------- the server

/** One loopback origin serving every product's files and answering PostHog's API with a stub. */
async function startServer({ root, ph, fb }) {
  const parts = Object.fromEntries(
    readdirSync(join(root, 'dist/parts'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => [`parts/${f}`, readFileSync(join(root, 'dist/parts', f))]),
  );
  const candor = { 'candor.js': readFileSync(join(root, 'dist/candor.js')), ...parts };
  const files = {
    // The loader imports its parts from its own URL (…/parts/<name>-<hash>.js).
    ...Object.fromEntries(Object.entries(candor).map(([f, body]) => [`/${f}`, body])),
    ...Object.fromEntries(Object.entries(candor).map(([f, body]) => [`/later/${f}`, body])),
    '/static/array.js': readFileSync(join(ph, 'dist/array.js')),
    '/static/surveys.js': readFileSync(join(ph, 'dist/surveys.js')),
    // The SDK asks for the versioned path first (its CDN serves both).
    [`/static/${PEERS.posthog.version}/surveys.js`]: readFileSync(join(ph, 'dist/surveys.js')),
    '/formbricks/index.umd.js': readFileSync(join(fb, 'dist/index.umd.js')),
  };
  /** @type {Record<string, number>} every request seen, by method and path */
  const seen = {};
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    // Counted per page: by Referer where it names the page, else by whose path it is (PostHog's
    // fetches send only the origin, referrerPolicy "strict-origin", and a request a closing page
    // still sends must not land on the next product).
    let from = /^\/\w+\.html$/.test(path)
      ? path
      : path.startsWith('/later/')
        ? '/candorlater.html'
        : path === '/candor.js' || path.startsWith('/parts/') || path === '/v1/responses'
          ? '/candor.html'
          : path.startsWith('/formbricks/')
            ? '/formbricks.html'
            : '/posthog.html';
    try {
      const referer = new URL(req.headers.referer ?? '').pathname;
      if (/^\/\w+\.html$/.test(referer) && !path.startsWith('/later/')) from = referer;
    } catch {}
    const key = `${from} ${req.method} ${path}`;
    seen[key] = (seen[key] ?? 0) + 1;
    req.resume();
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const json = (body) => send(200, 'application/json', JSON.stringify(body));
    const page = /^\/(\w+)\.html$/.exec(path)?.[1];
    if (page && pages[page]) return send(200, 'text/html; charset=utf-8', pages[page](origin));
    if (files[path]) return send(200, 'text/javascript; charset=utf-8', files[path]);
    // ---- Candor's endpoint (nothing is posted before an answer)
    if (path === '/v1/responses') return res.writeHead(204).end();
    // ---- PostHog's API, as the SDK calls it with a custom api_host
    if (path === `/array/${TOKEN}/config.js`)
      return send(
        200,
        'text/javascript',
        `(function(){window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};window._POSTHOG_REMOTE_CONFIG[${JSON.stringify(TOKEN)}]={config:${JSON.stringify(POSTHOG_REMOTE_CONFIG)},siteApps:[]};})();`,
      );
    if (path === `/array/${TOKEN}/config`) return json(POSTHOG_REMOTE_CONFIG);
    if (path === '/flags/' || path === '/flags' || path === '/decide/')
      return json({
        flags: {},
        featureFlags: {},
        featureFlagPayloads: {},
        errorsWhileComputingFlags: false,
        requestId: 'bench',
      });
    if (path === '/api/surveys/' || path === '/api/surveys') return json({ surveys: [POSTHOG_SURVEY] });
    if (req.method === 'POST') return json({ status: 1 }); // events (/e/, /i/v0/e/, /s/ …)
    send(404, 'text/plain', 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    seen,
    close: () => new Promise((resolve) => (server.closeAllConnections?.(), server.close(() => resolve(undefined)))),
  };
}

// ---------------------------------------------------------------- one run

async function once(ctx, browser, url, timeoutMs, device) {
  const context = await browser.newContext(device);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (process.env.BENCH_DEBUG) page.on('console', (m) => ctx.log(`console.${m.type()}: ${m.text()}`));
    if (ctx.cpuThrottle) await ctx.cpuThrottle(page, THROTTLE);
    else {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    }
    await page.goto(url, { waitUntil: 'load' });
    // No polling (it would add tasks to the page being measured): the page resolves a promise.
    let timer;
    await Promise.race([
      page.evaluate(() => window.__bench.painted),
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`no prompt within ${timeoutMs / 1000} s`)), timeoutMs)),
      ),
    ]).finally(() => clearTimeout(timer));
    if (process.env.BENCH_DEBUG) await page.screenshot({ path: `/tmp/bench-${new URL(url).pathname.slice(1)}.png` });
    const result = await page.evaluate(() => ({ marks: window.__bench.marks, longTasks: window.__bench.longTasks }));
    const { start, painted } = result.marks;
    const tasks = result.longTasks.filter((t) => t.start + t.duration > start && t.start < painted);
    return {
      marks: Object.fromEntries(Object.entries(result.marks).map(([k, v]) => [k, +(v - start).toFixed(1)])),
      longTasks: tasks.length,
      longTaskMs: +tasks.reduce((a, t) => a + t.duration, 0).toFixed(1),
      blockingMs: +tasks.reduce((a, t) => a + Math.max(0, t.duration - 50), 0).toFixed(1),
      longestTaskMs: +Math.max(0, ...tasks.map((t) => t.duration)).toFixed(1),
      errors,
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- the part

const PRODUCTS = [
  { id: 'candor', name: (v) => `Candor ${v} (dist/candor.js, \`delayMs: 0\`)` },
  {
    id: 'candorlater',
    name: (v) => `Candor ${v} (dist/candor.js, \`delayMs: ${DELAY_MS}\`: timed from the end of the delay)`,
  },
  { id: 'posthog', name: () => `${PEERS.posthog.name} ${PEERS.posthog.version} (array.js + surveys.js, API stubbed)` },
  { id: 'formbricks', name: () => `${PEERS.formbricks.name} ${PEERS.formbricks.version} (index.umd.js renderer only)` },
];

/** @param {any} ctx */
export async function run(ctx) {
  const runs = ctx.quick ? 5 : 30;
  const loadBefore = loadavg()[0];
  const ph = fetchPackage(ctx.root, PEERS.posthog, ctx.log);
  const fb = fetchPackage(ctx.root, PEERS.formbricks, ctx.log);
  const candorVersion = JSON.parse(readFileSync(join(ctx.root, 'package.json'), 'utf8')).version;
  const server = await startServer({ root: ctx.root, ph, fb });
  const launch = ctx.launch ?? (await import('../../test/browser/harness.mjs')).launch;
  const browser = await launch();
  const byViewport = Object.fromEntries(
    Object.keys(VIEWPORTS).map((v) => [
      v,
      Object.fromEntries(
        PRODUCTS.map((p) => [p.id, { name: p.name(candorVersion), samples: [], failures: [], requestsPerRun: {} }]),
      ),
    ]),
  );
  try {
    // Round-robin (one run of each product at each viewport in turn), so a slow moment of the
    // machine falls on every product alike; run 0 of each is a warm-up.
    for (let i = 0; i <= runs; i++) {
      for (const [viewport, device] of Object.entries(VIEWPORTS))
        for (const product of PRODUCTS) {
          const r = byViewport[viewport][product.id];
          if (r.failures.length >= 3 && r.samples.length === 0) continue; // it does not render here: stop trying
          try {
            const sample = await once(ctx, browser, `${server.origin}/${product.id}.html`, 30_000, device);
            if (i > 0) r.samples.push(sample);
          } catch (error) {
            r.failures.push(error.message.split('\n')[0]);
          }
        }
      if (i % 5 === 0) ctx.log(`peers: round ${i}/${runs}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const viewports = Object.keys(VIEWPORTS).length;
  for (const product of PRODUCTS) {
    const page = `/${product.id}.html`;
    const perRun = {};
    for (const [key, n] of Object.entries(server.seen)) {
      const [from, method, path] = key.split(' ');
      if (from === page)
        perRun[`${method} ${path.replace(/-[\w-]{8}\.js$/, '-<hash>.js')}`] = n / (runs + 1) / viewports;
    }
    for (const results of Object.values(byViewport)) results[product.id].requestsPerRun = perRun;
  }
  return report(ctx, byViewport, runs, { before: loadBefore, after: loadavg()[0] });
}

/** Why a peer is not in the timing table. */
const NOT_MEASURED = [
  {
    name: `${PEERS.sprig.name} ${PEERS.sprig.version}`,
    why:
      "needs Sprig's servers. The SDK is started with an environment id and asks Sprig's API (`https://api.sprig.com/sdk/1/…`) which survey to show and with which cards; " +
      'the package holds no survey definition and the format of those answers is not published, so a local stub would be a reverse-engineered guess, not Sprig. Bytes only (see the bytes section).',
  },
];

function report(ctx, byViewport, runs, load) {
  const { median, p95 } = statsOf(ctx);
  /** Candor's delayed row is timed from the end of its delay (the document parsed, then DELAY_MS). */
  const painted = (id, s) => (id === 'candorlater' ? s.marks.painted - s.marks.ready - DELAY_MS : s.marks.painted);
  const summaries = {};
  for (const [viewport, results] of Object.entries(byViewport)) {
    const summary = (summaries[viewport] = {});
    for (const [id, r] of Object.entries(results)) {
      const col = (f) => r.samples.map(f).filter((v) => typeof v === 'number' && !Number.isNaN(v));
      summary[id] = r.samples.length
        ? {
            n: r.samples.length,
            loaded: median(col((s) => s.marks.loaded)),
            dom: median(col((s) => s.marks.dom)),
            shown: col((s) => s.marks.shown).length ? median(col((s) => s.marks.shown)) : null,
            painted: { median: median(col((s) => painted(id, s))), p95: p95(col((s) => painted(id, s))) },
            longTasks: median(col((s) => s.longTasks)),
            runsWithLongTasks: r.samples.filter((s) => s.longTasks > 0).length,
            longTaskMs: median(col((s) => s.longTaskMs)),
            blockingMs: median(col((s) => s.blockingMs)),
            longestTaskMs: median(col((s) => s.longestTaskMs)),
            longestTaskMax: Math.max(...col((s) => s.longestTaskMs)),
          }
        : null;
    }
  }
  const results = Object.values(byViewport)[0];
  const summary = summaries.desktop ?? Object.values(summaries)[0];
  const ms = (v) => (v == null || Number.isNaN(v) ? '—' : `${Math.round(v)}`);
  const device = (v) => {
    const d = VIEWPORTS[v];
    return `${v} ${d.viewport.width}×${d.viewport.height}${d.hasTouch ? ', touch' : ''}`;
  };
  const lines = [
    `Each product drawing the same NPS question on the same page, in real Chromium (headless, \`--disable-gpu\`), CPU throttled ×${THROTTLE} through CDP \`Emulation.setCPUThrottlingRate\`, a fresh browser context per run (empty HTTP cache and storage: a first visit), ${runs} runs per product and viewport after one warm-up, taken in turn (Candor, Candor with a delay, PostHog, Formbricks at the phone viewport, then the same at the desktop viewport, …) so a slow moment of the machine falls on all alike. ` +
      `Viewports: ${Object.keys(VIEWPORTS).map(device).join('; ')} (the phone context has device scale 2 and touch, so Candor's card is a bottom sheet). ` +
      `Every file and API answer comes from one loopback HTTP server, uncompressed. The machine's 1-minute load average was ${load.before.toFixed(1)} when this part started and ${load.after.toFixed(1)} when it ended (its own processes count in the second; ${cpus().length} cores).`,
    '',
    "Times are in ms from an inline `performance.now()` right before the product's `<script src>` (so they include fetching, parsing and running it): **script run** = the inline script right after it runs; **painted** = the prompt's first control is in the DOM and visible (MutationObserver, also inside shadow roots; a popover's `beforetoggle` for a card put in the top layer after it was drawn), then `requestAnimationFrame` and a message task, i.e. the frame holding it has been produced. " +
      `Candor's second row has the prompt due ${DELAY_MS} ms after the document is parsed (\`rules.delayMs: ${DELAY_MS}\`); its times are from the end of that delay (the page's own \`DOMContentLoaded\` listener, registered before Candor's, + ${DELAY_MS} ms), so they show what is left once the code had the delay to load. ` +
      `**Long tasks** are main-thread tasks over 50 ms (PerformanceObserver \`longtask\`, registered before anything else) between the start and the paint; blocking time is their sum beyond 50 ms each. Medians unless marked p95 or max (p95: nearest rank, ${ctx.stats?.p95 ? 'ctx.stats' : 'local'}).`,
    '',
    '| viewport | product | script run | prompt painted (median) | p95 | × Candor | runs with a long task | long-task time | blocking time | longest task (median) | longest task (max) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [viewport, results] of Object.entries(byViewport)) {
    const base = summaries[viewport].candor?.painted.median;
    for (const [id, r] of Object.entries(results)) {
      const s = summaries[viewport][id];
      if (!s) {
        lines.push(`| ${viewport} | ${r.name} | — | did not render (${r.failures[0] ?? 'no runs'}) | | | | | | | |`);
        continue;
      }
      const times = id === 'candorlater' ? '—' : base ? `${(s.painted.median / base).toFixed(1)}×` : '—';
      lines.push(
        `| ${viewport} | ${r.name} | ${ms(s.loaded)} | **${ms(s.painted.median)}** | ${ms(s.painted.p95)} | ${times} | ${s.runsWithLongTasks} of ${s.n} | ${ms(s.longTaskMs)} | ${ms(s.blockingMs)} | ${ms(s.longestTaskMs)} | ${ms(s.longestTaskMax)} |`,
      );
    }
  }
  // The targets this part checks (docs/benchmarks.md): at each viewport, Candor's prompt painted within
  // 150 ms (median), at least 3× sooner than Formbricks' renderer, and no main-thread task over 50 ms.
  const verdict = Object.entries(summaries).map(([viewport, v]) => {
    const c = v.candor;
    if (!c) return `${viewport}: Candor did not render`;
    const fb = v.formbricks?.painted.median;
    const ratio = fb ? fb / c.painted.median : NaN;
    const yes = (ok) => (ok ? 'met' : '**not met**');
    return (
      `${viewport}: painted in ${ms(c.painted.median)} ms (≤ 150: ${yes(c.painted.median <= 150)}), ` +
      `${Number.isNaN(ratio) ? 'Formbricks did not render' : `${ratio.toFixed(1)}× sooner than Formbricks (≥ 3×: ${yes(ratio >= 3)})`}, ` +
      `long tasks in ${c.runsWithLongTasks} of ${c.n} runs, longest ${ms(c.longestTaskMax)} ms (none over 50 ms: ${yes(c.runsWithLongTasks === 0)})`
    );
  });
  lines.push(
    '',
    `**Targets, Candor with \`delayMs: 0\`** — ${verdict.join('; ')}.`,
    '',
    'Where the time goes and why (light traces of the same page, task by task, and A/B runs of each change): [`bench/profile/after.md`](profile/after.md); the targets with their reasons: docs/benchmarks.md, "The script tag\'s targets".',
  );
  const requests = (id) =>
    Object.entries(results[id]?.requestsPerRun ?? {})
      .map(([k, n]) => `\`${k}\`${n !== 1 ? ` ×${+n.toFixed(2)}` : ''}`)
      .join(', ');
  lines.push(
    '',
    'What each one does before its prompt is on screen (requests per run, as the stub server saw them):',
    '',
    `- **Candor** (\`dist/candor.js\`, \`Candor.init({ survey, endpoint, rules: { delayMs: 0 } })\`): ${requests('candor')}. The loader checks the config and its rules (the throttle record in localStorage); once they say a prompt is due it imports the engine and the prompt's code side by side from its own URL, waits for the document to be parsed, then draws the first step — the consent question with two buttons (Candor asks before the score; the peers show the 0–10 scale at once). Its \`shown\` event came at a median ${ms(summary.candor?.shown)} ms (desktop). With \`delayMs: ${DELAY_MS}\`: ${requests('candorlater')} (the same files under \`/later/\`).`,
    `- **PostHog** (\`array.js\` then \`posthog.init(token, { api_host: <the stub> })\`): ${requests('posthog')}. The SDK loads its remote config (\`/array/<token>/config.js\`, answered with surveys on and recording, heatmaps, autocapture and flags off), then lazy-loads \`surveys.js\` (it asks for the versioned path first), then fetches \`/api/surveys/\` (answered with one popover NPS survey: a 0–10 rating question), then renders it with preact into the shadow root of \`div.PostHogSurvey-<id>\`. Its \`PHSurveyShown\` event came at a median ${ms(summary.posthog?.shown)} ms. On a real connection those three requests are three more round trips after \`array.js\` before anything can be drawn; on loopback they cost next to nothing, so this is PostHog's best case. The request paths and answer shapes were taken from the package's own code (\`lib/src/remote-config.js\`, the surveys extension in \`@posthog/browser-common\`); \`opt_out_useragent_filter: true\` because PostHog otherwise treats headless Chromium as a bot and drops its events, which a real visitor's browser would send.`,
    `- **Formbricks** (\`index.umd.js\`, then \`formbricksSurveys.renderSurveyModal({ survey, … })\` with a local NPS survey): ${requests('formbricks')}. This is the renderer only, given its survey directly: in a real Formbricks setup the \`@formbricks/js\` SDK first fetches the environment's surveys from the Formbricks app and then loads this renderer, so a real page takes longer than this — a lower bound. Its \`onDisplay\` callback came at a median ${ms(summary.formbricks?.shown)} ms.`,
    ...NOT_MEASURED.map((p) => `- **Not measured: ${p.name}**: ${p.why}`),
  );
  for (const [viewport, results] of Object.entries(byViewport)) {
    const failures = Object.entries(results).filter(([, r]) => r.failures.length);
    if (failures.length)
      lines.push(
        '',
        ...failures.map(
          ([id, r]) =>
            `Failed runs of ${id} at the ${viewport} viewport (not counted): ${r.failures.length} — ${[...new Set(r.failures)].join('; ')}`,
        ),
      );
    if (Object.values(results).some((r) => r.samples.some((s) => s.errors.length)))
      lines.push(
        '',
        `Page errors seen (${viewport}): ${Object.entries(results)
          .map(([id, r]) => `${id}: ${[...new Set(r.samples.flatMap((s) => s.errors))].join('; ') || 'none'}`)
          .join(' · ')}`,
      );
  }

  const charts = [];
  if (ctx.chart && Object.values(summary).some(Boolean)) {
    try {
      const label = { candor: 'Candor', posthog: 'PostHog (stubbed API)', formbricks: 'Formbricks (renderer only)' };
      const svg = ctx.chart.barChart({
        title: `Time to show the prompt, CPU ×${THROTTLE} (median ms; smaller is better)`,
        unit: 'ms',
        digits: 0,
        bars: Object.entries(summaries).flatMap(([viewport, summary]) =>
          Object.keys(label)
            .filter((id) => summary[id])
            .map((id) => ({
              label: `${label[id]}, ${viewport}`,
              value: Math.round(summary[id].painted.median),
              highlight: id === 'candor',
            })),
        ),
      });
      charts.push({ file: 'peers-time-to-prompt.svg', svg });
      lines.push('', '![Time to show the prompt, median](peers-time-to-prompt.svg)');
    } catch (error) {
      ctx.log(`peers: chart skipped (${error.message})`);
    }
  }
  return {
    id: 'peers',
    title: 'Time to show the prompt, side by side with peers',
    markdown: lines.join('\n'),
    data: {
      peers: { posthog: PEERS.posthog, formbricks: PEERS.formbricks },
      throttle: THROTTLE,
      runs,
      loadAverage: load,
      stub: { remoteConfig: POSTHOG_REMOTE_CONFIG, posthogSurvey: POSTHOG_SURVEY, formbricksSurvey: FORMBRICKS_SURVEY },
      delayMs: DELAY_MS,
      viewports: VIEWPORTS,
      summaries,
      notMeasured: NOT_MEASURED,
      results: byViewport,
    },
    charts,
    caveats: [
      'Peers side by side: PostHog runs against a local stub of its API (its best case: no round-trip latency), Formbricks is measured as its renderer only (a lower bound), and Sprig could not run offline; each is described in its section.',
    ],
  };
}

function statsOf(ctx) {
  const sorted = (a) => [...a].sort((x, y) => x - y);
  return {
    median: ctx.stats?.median ?? ((a) => (a.length ? sorted(a)[a.length >> 1] : null)),
    p95:
      ctx.stats?.p95 ?? ((a) => (a.length ? sorted(a)[Math.min(a.length - 1, Math.ceil(a.length * 0.95) - 1)] : null)),
  };
}
