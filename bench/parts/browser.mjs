// Candor in real Chromium: time to show the prompt (and long tasks), interaction
// latency, and JS heap over many show/answer/destroy cycles. Timings run with
// the CPU slowed ×4 (CDP). Pages: bench/pages/prompt.html (+ probe.js), memory.html.
// The outbox's cost as it grows is its own part (bench/parts/outbox.mjs).
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { sendFile } from '../../demo/sendFile.mjs';

/** CPU slowdown for every timing (Emulation.setCPUThrottlingRate): a mid-range phone, roughly. */
export const RATE = 4;
/** A phone: the card is a bottom sheet, touch-sized targets (`pointer: coarse`). */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
/** A desktop window: the card floats in a corner, mouse-sized targets. */
export const DESKTOP = { viewport: { width: 1280, height: 800 } };
const DEVICES = { phone: PHONE, desktop: DESKTOP };
const ENDPOINT = '/v1/responses';

/**
 * The repository's files plus a stand-in endpoint on one origin (127.0.0.1 is an allowed
 * http endpoint): POST /v1/responses answers 204 at once and counts what it got.
 */
export async function startServer(root) {
  const posts = [];
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path === ENDPOINT && req.method === 'POST') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        let n = 0;
        try {
          n = JSON.parse(Buffer.concat(chunks).toString('utf8')).responses.length;
        } catch {
          n = -1;
        }
        posts.push(n);
        res.writeHead(204).end();
      });
      return;
    }
    if (path.includes('..') || req.method !== 'GET') return res.writeHead(400).end();
    return void sendFile(res, join(root, path));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const ms = (x, d = 1) => (Number.isFinite(x) ? `${x.toFixed(d)} ms` : '–');
const kb = (bytes) =>
  `${(bytes / 1024).toLocaleString('en', { maximumFractionDigits: Math.abs(bytes) < 10 * 1024 ? 1 : 0 })} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

// ---------------------------------------------------------------- throttle check

/** A fixed busy loop timed in a fresh page with and without the throttle: shows the ×4 took effect. */
async function throttleCheck(ctx, browser, url) {
  const loop = () => {
    const t = performance.now();
    let x = 0;
    for (let i = 0; i < 3e6; i++) x = (x + Math.sqrt(i)) % 1e9;
    return [performance.now() - t, x];
  };
  const time = async (rate) => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    if (rate !== 1) await ctx.cpuThrottle(page, rate);
    await page.goto(url);
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push((await page.evaluate(loop))[0]);
    await context.close();
    return ctx.stats.median(runs);
  };
  const plain = await time(1);
  const slowed = await time(RATE);
  return { loopMs: plain, throttledMs: slowed, ratio: slowed / plain };
}

// ---------------------------------------------------------------- time to show + interactions

const STEPS = [
  {
    id: 'yes',
    label: '"Yes, I\'ll answer" → score step',
    target: (page) => page.getByRole('button', { name: "Yes, I'll answer", exact: true }),
    until: ['[role=radiogroup]'],
  },
  {
    id: 'score',
    label: 'score "8" → follow-up step',
    target: (page) => page.getByRole('radio', { name: '8', exact: true }),
    until: ['textarea'],
  },
  {
    id: 'send',
    label: '"Send" → "Thank you!" (waits for the IndexedDB commit)',
    target: (page) => page.getByRole('button', { name: 'Send', exact: true }),
    until: ['h2', 'Thank you'],
  },
];

/** One fresh context: load the page, time the prompt, then answer it step by step. */
async function promptRun(ctx, browser, url, device = PHONE) {
  const context = await browser.newContext(device);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await ctx.cpuThrottle(page, RATE);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench.done.candor, null, { timeout: 30_000 });
    await sleep(300); // long-task entries arrive after their task; the 0.2 s entrance animation ends
    const show = await page.evaluate(() => ({
      marks: Object.fromEntries([
        ...performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
        ...performance.getEntriesByType('paint').map((m) => [m.name, m.startTime]),
      ]),
      longtasks: window.__bench.longtasks,
    }));

    const steps = {};
    for (const step of STEPS) {
      await page.evaluate(([selector, text]) => void window.__bench.arm(selector, text), step.until);
      await step.target(page).click({ timeout: 10_000 });
      steps[step.id] = await page.evaluate(() => window.__bench.pending);
      await sleep(150);
    }
    await sleep(300); // Event Timing entries are reported after the paint
    const events = await page.evaluate(() => window.__bench.events);
    if (errors.length) throw new Error(`the page logged errors: ${errors.join('; ')}`);

    // Event Timing: the longest entry of the interaction (pointerdown, pointerup, click share its id).
    const downs = STEPS.map((s) => steps[s.id].down);
    STEPS.forEach((s, i) => {
      const from = downs[i] - 1;
      const to = downs[i + 1] ?? Infinity;
      const mine = events.filter((e) => e.interactionId > 0 && e.start >= from && e.start < to);
      steps[s.id].eventTiming = mine.length ? Math.max(...mine.map((e) => e.duration)) : null;
      steps[s.id].eventNames = [...new Set(mine.map((e) => e.name))];
    });
    return { marks: show.marks, longtasks: show.longtasks, steps };
  } finally {
    await context.close();
  }
}

function summarisePrompt(ctx, runs) {
  const { summary } = ctx.stats;
  const m = (a, b) => runs.map((r) => r.marks[b] - r.marks[a]);
  const windowed = runs.map((r) => {
    const start = r.marks['candor:start'];
    const end = r.marks['candor:painted'];
    const tasks = r.longtasks.filter((t) => t.start + t.duration > start && t.start < end);
    return {
      count: tasks.length,
      total: tasks.reduce((s, t) => s + t.duration, 0),
      longest: Math.max(0, ...tasks.map((t) => t.duration)),
      blocking: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
    };
  });
  const stepStats = Object.fromEntries(
    STEPS.map((s) => {
      const rows = runs.map((r) => r.steps[s.id]);
      const withEntry = rows.filter((x) => x.eventTiming !== null).map((x) => x.eventTiming);
      return [
        s.id,
        {
          label: s.label,
          toPaint: summary(rows.map((x) => x.painted - x.down)),
          toChange: summary(rows.map((x) => x.changed - x.down)),
          eventTiming: summary(withEntry),
          eventTimingCount: withEntry.length,
        },
      ];
    }),
  );
  return {
    total: summary(m('candor:start', 'candor:painted')),
    doubleRaf: summary(m('candor:start', 'candor:raf2')),
    load: summary(m('candor:start', 'candor:loaded')),
    init: summary(m('candor:loaded', 'candor:init')),
    toShown: summary(m('candor:init', 'candor:shown')),
    toDomReady: summary(m('candor:init', 'candor:domready')),
    domReadyToShown: summary(m('candor:domready', 'candor:shown')),
    toPaint: summary(m('candor:shown', 'candor:painted')),
    fromNavigation: summary(runs.map((r) => r.marks['candor:painted'])),
    fcp: summary(runs.map((r) => r.marks['first-contentful-paint'])),
    longtasks: {
      count: summary(windowed.map((w) => w.count)),
      total: summary(windowed.map((w) => w.total)),
      longest: summary(windowed.map((w) => w.longest)),
      blocking: summary(windowed.map((w) => w.blocking)),
      runsWithAny: windowed.filter((w) => w.count > 0).length,
    },
    steps: stepStats,
  };
}

// ---------------------------------------------------------------- memory

async function memoryTrial(ctx, browser, server, checkpoints) {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await context.newCDPSession(page);
    await page.goto(`${server.url}/bench/pages/memory.html`);
    const measure = async () => {
      await sleep(200); // let the last cycle's pending tasks run, so what they hold can be collected
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      return { heap: usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners, documents: dom.documents };
    };
    const points = [];
    let done = 0;
    for (const at of checkpoints) {
      await page.evaluate((n) => window.cycles(n), at - done);
      done = at;
      const a = await measure();
      const b = await measure(); // the same state measured again: how noisy one reading is
      points.push({ cycles: at, ...a, again: b.heap });
      ctx.log(`memory: ${at} cycles, heap ${mb(a.heap)}, ${a.nodes} nodes, ${a.listeners} listeners`);
    }
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    return points;
  } finally {
    await context.close();
  }
}

/** A heap snapshot (after GC) summed by kind: `{ key → { group, count, size } }`. */
async function snapshot(cdp) {
  await sleep(200);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot: meta, nodes, strings } = JSON.parse(chunks.join(''));
  const fields = meta.meta.node_fields;
  const types = meta.meta.node_types[0];
  const [T, N, S] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const out = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + T]];
    const name = String(strings[nodes[i + N]]);
    // V8's compiled code; Blink's C++ objects (not in the JS heap figure); the rest is the JS heap.
    const group = type === 'code' ? 'code' : type === 'native' && !name.startsWith('system /') ? 'blink' : 'js';
    const key = `${type}: ${type.includes('string') ? '(strings)' : name.replace(/<.*$/, '').slice(0, 60)}`;
    const e = out.get(key) ?? { group, count: 0, size: 0 };
    e.count++;
    e.size += nodes[i + S];
    out.set(key, e);
  }
  return out;
}

/** What grew between `from` and `to` cycles, by kind, from two heap snapshots of one fresh page. */
async function heapDiff(browser, server, from, to) {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${server.url}/bench/pages/memory.html`);
    await page.evaluate((n) => window.cycles(n), from);
    const a = await snapshot(cdp);
    await page.evaluate((n) => window.cycles(n), to - from);
    const b = await snapshot(cdp);
    const groups = { code: 0, js: 0, blink: 0 };
    const kinds = [];
    for (const [key, e] of b) {
      const before = a.get(key) ?? { count: 0, size: 0 };
      const size = e.size - before.size;
      groups[e.group] += size;
      if (size) kinds.push({ kind: key, group: e.group, count: e.count - before.count, size });
    }
    for (const [key, e] of a) if (!b.has(key)) groups[e.group] -= e.size;
    kinds.sort((x, y) => y.size - x.size);
    return { from, to, groups, top: kinds.slice(0, 8) };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- the part

export async function run(ctx) {
  const quick = ctx.quick;
  const PROMPT_RUNS = quick ? 5 : 30;
  // 10 vs 1,000 is the question; 2,000 and 3,000 show whether growth goes on once V8 has tiered up.
  const CHECKPOINTS = quick ? [10, 100, 300] : [10, 100, 1000, 2000, 3000];
  const TRIALS = quick ? 1 : 3;

  const server = await startServer(ctx.root);
  const browser = await ctx.launch();
  const data = { rate: RATE, phone: PHONE, desktop: DESKTOP, quick };
  try {
    data.chromium = browser.version();
    const candorVersion = await (async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/bench/pages/memory.html`);
      const v = await page.evaluate(() => window.Candor.version);
      await context.close();
      return v;
    })();
    data.candor = candorVersion;

    ctx.log('throttle check');
    data.throttle = await throttleCheck(ctx, browser, `${server.url}/bench/pages/memory.html`);
    ctx.log(`throttle ×${RATE}: a fixed loop ${ms(data.throttle.loopMs)} → ${ms(data.throttle.throttledMs)}`);

    ctx.log(`prompt: 1 warm-up + ${PROMPT_RUNS} runs at each viewport`);
    const url = `${server.url}/bench/pages/prompt.html`;
    await promptRun(ctx, browser, url); // warm-up: the browser's first context is slower
    const runs = { phone: [], desktop: [] };
    // Alternating viewports, so a slow moment of the machine falls on both alike.
    for (let i = 0; i < PROMPT_RUNS; i++) {
      for (const [name, device] of Object.entries(DEVICES)) runs[name].push(await promptRun(ctx, browser, url, device));
      if ((i + 1) % 10 === 0) ctx.log(`prompt: ${i + 1}/${PROMPT_RUNS}`);
    }
    data.prompts = Object.fromEntries(
      Object.entries(runs).map(([name, r]) => [name, { runs: r.length, ...summarisePrompt(ctx, r), raw: r }]),
    );

    ctx.log(`memory: ${TRIALS} trial(s) to ${CHECKPOINTS.at(-1)} cycles`);
    data.memory = [];
    for (let t = 0; t < TRIALS; t++) data.memory.push(await memoryTrial(ctx, browser, server, CHECKPOINTS));
    const [from, to] = [CHECKPOINTS[1], CHECKPOINTS.includes(1000) ? 1000 : CHECKPOINTS.at(-1)];
    ctx.log(`memory: heap snapshots after ${from} and ${to} cycles`);
    data.heapDiff = await heapDiff(browser, server, from, to);
  } finally {
    await browser.close();
    await server.close();
  }

  const charts = [memoryChart(ctx, data.memory)];
  return {
    id: 'browser',
    title: 'Candor in Chromium: time to show, interaction, memory',
    markdown: markdown(ctx, data),
    data,
    charts,
    caveats: [
      "Browser timings are measured inside the page (`performance.now()`, Event Timing), on one Chromium build, with the CPU throttled ×4 but IndexedDB's own work (in the browser process) not throttled.",
    ],
  };
}

// ---------------------------------------------------------------- report

function memoryChart(ctx, trials) {
  return {
    file: 'memory.svg',
    svg: ctx.chart.lineChart({
      title: 'JS heap after N show/answer/destroy cycles (after GC)',
      xLabel: 'cycles (preview mode)',
      yLabel: 'JS heap used, MB',
      unit: 'MB',
      xLog: true,
      digits: 2,
      series: trials.map((points, i) => ({
        name: `trial ${i + 1}`,
        points: points.map((p) => [p.cycles, p.heap / 1024 / 1024]),
      })),
    }),
  };
}

function markdown(ctx, data) {
  const { phone: p, desktop: dk } = data.prompts;
  const { median } = ctx.stats;
  const L = [];
  const row = (label, pick) =>
    `| ${label} | ${[p, dk].map((v) => `${ms(pick(v).median)} | ${ms(pick(v).p95)} | ${ms(pick(v).max)}`).join(' | ')} |`;
  const count = (label, pick, f) =>
    `| ${label} | ${[p, dk].map((v) => `${f(pick(v).median)} | ${f(pick(v).p95)} | ${f(pick(v).max)}`).join(' | ')} |`;

  L.push(
    `Candor's script-tag build (\`dist/candor.js\`, the loader, and the parts it imports; ${data.candor}) in headless Chromium ${data.chromium}, driven by playwright-core.`,
    `Every timing runs with the CPU throttled ×${data.rate} (CDP \`Emulation.setCPUThrottlingRate\`, set before the page loads; a fixed JS loop took ${ms(data.throttle.loopMs)} without and ${ms(data.throttle.throttledMs)} with it: ×${data.throttle.ratio.toFixed(1)}),`,
    `at two viewports, alternating run by run: a phone (${data.phone.viewport.width}×${data.phone.viewport.height} CSS px, device scale ${data.phone.deviceScaleFactor}, touch, so the card is a bottom sheet with 44 px targets) and a desktop window (${data.desktop.viewport.width}×${data.desktop.viewport.height}, the card in a corner).`,
    'Pages and a stand-in endpoint (answers `204` to every POST) are served from 127.0.0.1 with `cache-control: no-store`; the pages are `bench/pages/*.html`.',
    '',
    '### Time to show the prompt',
    '',
    `From the moment the page starts the script to the prompt painted, ${p.runs} runs per viewport, each in a fresh browser context (empty cache, storage and throttle record, so the rules show the prompt), after one discarded warm-up run.`,
    'In `bench/pages/prompt.html` an inline script marks `candor:start` right before `<script src="/dist/candor.js">` at the end of `<body>`; an inline script after it calls',
    "`Candor.init({ survey, endpoint, rules: { delayMs: 0 } })`. The prompt is drawn by Candor's own rules path (the loader imports the engine and the prompt's code as soon as the rules say a prompt is due, DOM ready, then the `delayMs` timer), and on its `shown` event the page",
    'asks for the next animation frame and marks `painted` in the first task after that frame (a `MessageChannel` message), i.e. once the frame holding the card has been produced.',
    '',
    '| from → to | phone: median | p95 | max | desktop: median | p95 | max |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('**script start → prompt painted**', (v) => v.total),
    row('… the same, ending one frame later (double `requestAnimationFrame`)', (v) => v.doubleRaf),
    row('script start → candor.js (the loader) fetched, parsed and run', (v) => v.load),
    row('`Candor.init()` call (config check, rules; the engine and prompt imports start)', (v) => v.init),
    row('`init()` returned → `shown`', (v) => v.toShown),
    row('… of which the rest of the page parsed (`DOMContentLoaded`)', (v) => v.toDomReady),
    row(
      '… of which `DOMContentLoaded` → `shown` (the parts arrive and run, the 0 ms `delayMs` timer, render into the shadow root)',
      (v) => v.domReadyToShown,
    ),
    row('`shown` → painted (style, layout and paint of the frame with the card)', (v) => v.toPaint),
    row('navigation start → prompt painted (whole page, for context)', (v) => v.fromNavigation),
    row("navigation start → the page's first contentful paint (for context)", (v) => v.fcp),
    '',
    `Long tasks (the Long Tasks API: main-thread tasks over 50 ms) overlapping script start → painted, per run: ${p.longtasks.runsWithAny} of ${p.runs} runs had any on the phone, ${dk.longtasks.runsWithAny} of ${dk.runs} on the desktop.`,
    '',
    '| long tasks during start-up | phone: median | p95 | max | desktop: median | p95 | max |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    count(
      'count',
      (v) => v.longtasks.count,
      (x) => x,
    ),
    count(
      'total duration',
      (v) => v.longtasks.total,
      (x) => ms(x, 0),
    ),
    count(
      'longest task',
      (v) => v.longtasks.longest,
      (x) => ms(x, 0),
    ),
    count(
      'blocking time (sum of the part over 50 ms)',
      (v) => v.longtasks.blocking,
      (x) => ms(x, 0),
    ),
    '',
    '### Interaction latency',
    '',
    `The same runs, right after the prompt appeared: Playwright clicks (real input events through CDP, CPU ×${data.rate}) "Yes", then the score 8, then "Send" with no comment.`,
    "Measured in the page from the click's `pointerdown` event timestamp (when the input reached the renderer) to the first task after the next animation frame once the new step is in the card's shadow DOM (a `MutationObserver` waits for it) — the same end point as above.",
    "The Event Timing column is Chrome's own figure for the interaction, what INP is made of (the longest `pointerdown`/`pointerup`/`click` entry; Chrome reports only entries of 16 ms and more, rounded to 8 ms).",
    '"Thank you!" appears only once the answer is committed to IndexedDB (the card never claims what did not happen), a few tasks after the click: Event Timing ends at the first paint after the click handlers, so INP does not include that wait, and the "to next paint" column does.',
    '',
    '| viewport | interaction | to next paint: median | p95 | max | DOM changed after (median) | Event Timing: median | max | entries ≥ 16 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(data.prompts).flatMap(([name, v]) =>
      Object.values(v.steps).map(
        (s) =>
          `| ${name} | ${s.label} | ${ms(s.toPaint.median)} | ${ms(s.toPaint.p95)} | ${ms(s.toPaint.max)} | ${ms(s.toChange.median)} | ${s.eventTimingCount ? ms(s.eventTiming.median, 0) : '< 16 ms'} | ${s.eventTimingCount ? ms(s.eventTiming.max, 0) : '< 16 ms'} | ${s.eventTimingCount} of ${v.runs} |`,
      ),
    ),
    '',
  );

  // Memory.
  const trials = data.memory;
  const cps = trials[0].map((pt) => pt.cycles);
  const at = (t, c) => t.find((pt) => pt.cycles === c);
  const c0 = cps[0];
  const cK = cps.includes(1000) ? 1000 : cps.at(-1); // the question: 10 vs 1,000
  const [cPrev, cN] = cps.slice(-2); // is it still growing at the end?
  const readTwice = Math.max(...trials.flat().map((pt) => Math.abs(pt.again - pt.heap)));
  // Noise: how far apart the same checkpoint lands in separate trials, or one state read twice.
  const between =
    trials.length > 1
      ? Math.max(
          ...cps.map(
            (c) => Math.max(...trials.map((t) => at(t, c).heap)) - Math.min(...trials.map((t) => at(t, c).heap)),
          ),
        )
      : 0;
  const noise = Math.max(readTwice, between);
  const threshold = Math.max(noise, 8 * 1024);
  const asked = median(trials.map((t) => at(t, cK).heap - at(t, c0).heap));
  const late = median(trials.map((t) => at(t, cN).heap - at(t, cPrev).heap));
  const nodesGrow = trials.some((t) => at(t, cN).nodes > at(t, c0).nodes);
  const listenersGrow = trials.some((t) => at(t, cN).listeners > at(t, c0).listeners);
  const signed = (b) => `${b >= 0 ? '+' : '−'}${kb(Math.abs(b))}`;
  const perCycle = (b, cycles) => `${b < 0 ? '−' : ''}${Math.abs(Math.round(b / cycles))} B per cycle`;
  const n = (x) => x.toLocaleString('en');
  const d = data.heapDiff;
  const codeShare = d.groups.code / Math.max(1, d.groups.code + d.groups.js);
  data.memoryVerdict = { noise, threshold, asked, late, nodesGrow, listenersGrow, codeShare };
  L.push(
    '### Memory',
    '',
    `${trials.length} trial(s), each a fresh context on \`bench/pages/memory.html\` (not throttled: this measures memory, not time).`,
    'One cycle: `Candor.init({ …, preview: true })` (the prompt shows at once; nothing is stored or sent), click "Yes", the score 8, "Skip", wait for "Thank you!", `destroy()`; the clicks are dispatched in the page, so thousands of cycles take seconds.',
    `At each checkpoint CDP \`HeapProfiler.collectGarbage\` runs three times, then \`Runtime.getHeapUsage\` (V8's used heap, compiled code included) and \`Memory.getDOMCounters\` (live DOM nodes, JS event listeners) are read; the heap is read twice to see how noisy one reading is.`,
    `${cN > cK ? `The run goes on past ${n(cK)} cycles to ${n(cN)} to see whether growth continues. ` : ''}The page's \`console.info\` is a no-op: preview mode logs each answer, and DevTools clients keep logged objects alive (Playwright keeps the last 200), which would look like a leak that is not Candor's.`,
    '',
    `| trial | ${cps.map((c) => `heap after ${n(c)}`).join(' | ')} | Δ ${n(c0)} → ${n(cK)} | Δ ${n(cPrev)} → ${n(cN)} | DOM nodes | event listeners |`,
    `| --- | ${cps.map(() => '---').join(' | ')} | --- | --- | --- | --- |`,
    ...trials.map(
      (t, i) =>
        `| ${i + 1} | ${t.map((pt) => mb(pt.heap)).join(' | ')} | ${signed(at(t, cK).heap - at(t, c0).heap)} | ${signed(at(t, cN).heap - at(t, cPrev).heap)} | ${t.map((pt) => pt.nodes).join(' → ')} | ${t.map((pt) => pt.listeners).join(' → ')} |`,
    ),
    '',
    '![JS heap after N cycles](charts/memory.svg)',
    '',
    `Noise: one state read twice differs by up to ${kb(readTwice)}` +
      (trials.length > 1 ? `; the same checkpoint differs by up to ${kb(between)} between trials` : '') +
      '.',
    `**${n(c0)} vs ${n(cK)} cycles: ${signed(asked)}** (median, ${perCycle(asked, cK - c0)}). **${n(cPrev)} → ${n(cN)}: ${signed(late)}** (${perCycle(late, cN - cPrev)}).`,
    '',
    `What grew between ${n(d.from)} and ${n(d.to)} cycles, from two heap snapshots of a separate fresh page: V8 compiled code ${signed(d.groups.code)}, other JS heap ${signed(d.groups.js)}, Blink (C++) objects ${signed(d.groups.blink)} (not part of the heap figure above). Largest kinds:`,
    '',
    '| kind (snapshot node type: name) | objects | size |',
    '| --- | --- | --- |',
    ...d.top
      .slice(0, 6)
      .map((k) => `| ${k.kind.replace(/\|/g, '\\|')} | ${k.count >= 0 ? '+' : ''}${k.count} | ${signed(k.size)} |`),
    '',
    late <= threshold && !nodesGrow && !listenersGrow
      ? `**No growth beyond noise once warmed up**: over the last ${n(cN - cPrev)} cycles the heap moves by ${signed(late)} (threshold: the noise above, at least 8 KB), and live DOM nodes and event listeners are the same after every cycle.` +
          (asked > threshold
            ? ` The ${signed(asked)} between ${n(c0)} and ${n(cK)} cycles is warm-up that stops` +
              (codeShare >= 0.5
                ? `, mostly V8 compiled code (${Math.round(codeShare * 100)}% of the JS heap growth in the snapshots: functions optimised as they get hot), not answers, prompts or listeners kept alive.`
                : '.')
            : '')
      : `**It grows**: ${signed(late)} over the last ${n(cN - cPrev)} cycles (${perCycle(late, cN - cPrev)})` +
          `${nodesGrow ? '; live DOM nodes grow' : ''}${listenersGrow ? '; event listeners grow' : ''} — more than the noise above; the snapshot table shows what.`,
    '',
  );
  return L.join('\n');
}
