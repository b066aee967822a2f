// A page view where Candor does not ask (`rules: { sample: 0 }`, nothing stored): what the
// script tag costs the page's main thread, at CPU ×4, on a phone and a desktop viewport.
// Each run is a fresh context (empty storage) that loads bench/pages/quiet.html (candor.js and
// an init) or bench/pages/blank.html (the same page without them), alternating; after the load
// and a quiet second, Chrome's own counters (CDP Performance.getMetrics) are read. Candor's cost
// is the difference of the medians. The goal: ≤ 10 ms, and no other Candor file fetched.
import { ms, PHONE, RATE, startServer } from './browser.mjs';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const IDLE_MS = 1500;
/** Chrome's counters read, in seconds: script, all main-thread tasks, V8 compile. */
const METRICS = ['ScriptDuration', 'TaskDuration', 'V8CompileDuration'];
const TARGET_MS = 10;

async function view(ctx, browser, url, device) {
  const context = await browser.newContext(device);
  try {
    const page = await context.newPage();
    const errors = [];
    const files = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/dist/')) files.push(path);
    });
    const cdp = await ctx.cpuThrottle(page, RATE);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(IDLE_MS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
    const by = Object.fromEntries(metrics.map((m) => [m.name, m.value * 1000]));
    return { ...Object.fromEntries(METRICS.map((k) => [k, by[k]])), files };
  } finally {
    await context.close();
  }
}

export async function run(ctx) {
  const RUNS = ctx.quick ? 4 : 12;
  const server = await startServer(ctx.root);
  const browser = await ctx.launch();
  const data = { rate: RATE, runs: RUNS, idleMs: IDLE_MS, viewports: {} };
  try {
    data.chromium = browser.version();
    for (const [name, device] of [
      ['phone 390×844', PHONE],
      ['desktop 1280×800', DESKTOP],
    ]) {
      const quiet = `${server.url}/bench/pages/quiet.html`;
      const blank = `${server.url}/bench/pages/blank.html`;
      await view(ctx, browser, blank, device); // warm-up: the first context of a browser is slower
      await view(ctx, browser, quiet, device);
      const raw = { quiet: [], blank: [] };
      for (let i = 0; i < RUNS; i++) {
        raw.blank.push(await view(ctx, browser, blank, device));
        raw.quiet.push(await view(ctx, browser, quiet, device));
      }
      const files = [...new Set(raw.quiet.flatMap((r) => r.files))];
      const summary = Object.fromEntries(
        METRICS.map((k) => {
          const q = ctx.stats.median(raw.quiet.map((r) => r[k]));
          const b = ctx.stats.median(raw.blank.map((r) => r[k]));
          return [k, { quiet: q, blank: b, candor: q - b }];
        }),
      );
      data.viewports[name] = { files, summary, raw };
      ctx.log(`${name}: script ${ms(summary.ScriptDuration.candor)}, tasks ${ms(summary.TaskDuration.candor)}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { id: 'quiet', title: 'A page view that does not ask', markdown: markdown(data), data };
}

function markdown(data) {
  const L = [
    `Chromium ${data.chromium}, CPU ×${data.rate}. ${data.runs} runs of each page per viewport, alternating, each in a fresh context (empty storage: nothing stored, so nothing is due).`,
    '',
    '`bench/pages/quiet.html` loads `dist/candor.js` and starts a survey the rules sample out (`rules: { sample: 0 }`); `bench/pages/blank.html` is the same page without them. ' +
      `After the load event and ${data.idleMs / 1000} s more, Chrome's counters are read (CDP \`Performance.getMetrics\`): **script** is \`ScriptDuration\` (JavaScript run, compile included), **tasks** \`TaskDuration\` (every main-thread task), **compile** \`V8CompileDuration\`. ` +
      "Candor's cost is the median with Candor minus the median without. Tasks include the page's own parsing, style and layout, so they vary more than script time.",
    '',
    '| viewport | Candor files fetched | script: with − without | tasks: with − without | compile: with − without | script with (median) | script without |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [name, v] of Object.entries(data.viewports)) {
    const s = v.summary;
    L.push(
      `| ${name} | ${v.files.map((f) => `\`${f}\``).join(', ')} | **${ms(s.ScriptDuration.candor)}** | ${ms(s.TaskDuration.candor)} | ${ms(s.V8CompileDuration.candor)} | ${ms(s.ScriptDuration.quiet)} | ${ms(s.ScriptDuration.blank)} |`,
    );
  }
  const worst = Math.max(...Object.values(data.viewports).map((v) => v.summary.ScriptDuration.candor));
  const onlyLoader = Object.values(data.viewports).every((v) => v.files.join() === '/dist/candor.js');
  L.push(
    '',
    `**The goal: no other Candor file, and ≤ ${TARGET_MS} ms of main-thread time.** ` +
      (onlyLoader ? 'Only `candor.js` was fetched. ' : '**Other Candor files were fetched.** ') +
      (worst <= TARGET_MS
        ? `Script time ${ms(worst)} at most: met.`
        : `Script time up to ${ms(worst)}: **not met**. A CPU profile of the same page (docs/benchmarks.md) puts most of it in evaluating the script's top level, the page's first localStorage read, and \`Candor.init\` with the config check.`),
    '',
  );
  return L.join('\n');
}
