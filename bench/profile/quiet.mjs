// 3. A page view where Candor does not ask (rules.sample 0), CPU ×4: Candor's main-thread time
//    = TaskDuration (CDP Performance.getMetrics, at load + IDLE_MS) of quiet.html minus that of
//    blank.html (the same page without the script and init), RUNS each, alternating; plus one
//    traced quiet run per viewport for what the time is spent on (compile vs evaluate, tasks).
//
//   node bench/profile/quiet.mjs [--runs=10]
import { writeFileSync } from 'node:fs';
import {
  freshPage,
  launch,
  median,
  r1,
  sleep,
  startServer,
  startTrace,
  waitQuiet,
  DIR,
  TRACE_CATEGORIES,
} from './lib.mjs';
import { breakdown, timeIn } from './breakdown.mjs';
import { mainThread } from './trace.mjs';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 10);
const IDLE_MS = 4000;
const VPS = ['phone', 'desktop'];
const KEYS = [
  'TaskDuration',
  'ScriptDuration',
  'V8CompileDuration',
  'RecalcStyleDuration',
  'LayoutDuration',
  'TaskOtherDuration',
  'ThreadTime',
];

async function metrics(browser, origin, vp, pageName) {
  const { context, page, cdp, errors } = await freshPage(browser, vp);
  try {
    await cdp.send('Performance.enable');
    await page.goto(`${origin}/${pageName}.html`);
    await sleep(IDLE_MS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const lt = await page.evaluate(() => window.__bench.longtasks);
    if (errors.length) throw new Error(errors.join('; '));
    return { ...Object.fromEntries(KEYS.map((k) => [k, m[k] * 1000])), longtasks: lt.map((t) => r1(t.duration)) };
  } finally {
    await context.close();
  }
}

async function tracedQuiet(browser, origin, vp) {
  const { context, page, cdp } = await freshPage(browser, vp);
  try {
    const stop = await startTrace(cdp, TRACE_CATEGORIES);
    await page.goto(`${origin}/quiet.html`);
    await sleep(IDLE_MS);
    const events = await stop();
    const mt = mainThread(events);
    const w0 = mt.marks['candor:start'];
    const w1 = w0 + IDLE_MS * 1000;
    const b = breakdown(events, w0, w1, mt);
    const isCandor = (e) => e.name === 'EvaluateScript' && /candor\.js$/.test(e.args?.data?.url ?? '');
    const phases = {
      'candor.js v8.compile outside EvaluateScript': timeIn(
        b.tree,
        w0,
        w1,
        (e) =>
          e.name === 'v8.compile' && /candor\.js$/.test(e.args?.data?.url ?? '') && !(e.parent && isCandor(e.parent)),
      ),
      'candor.js EvaluateScript': timeIn(b.tree, w0, w1, isCandor),
      'init() inline script': timeIn(
        b.tree,
        mt.marks['candor:loaded'],
        mt.marks['candor:init'],
        (e) => e.name === 'EvaluateScript',
      ),
      'after init (tasks to idle)': timeIn(
        b.tree,
        mt.marks['candor:init'],
        w1,
        (e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask',
      ),
    };
    writeFileSync(`${DIR}/out/trace-quiet-${vp}.json`, JSON.stringify({ traceEvents: events }));
    delete b.tree;
    delete b.renderTask;
    return {
      ...b,
      phases,
      fns: Object.fromEntries(Object.entries(b.fns).slice(0, 20)),
      tasks: b.tasks.filter((t) => t.ms > 0.3),
    };
  } finally {
    await context.close();
  }
}

const server = await startServer();
const browser = await launch();
const out = { idleMs: IDLE_MS, runs: RUNS, load: [], raw: {}, summary: {}, traced: {} };
try {
  out.load.push(await waitQuiet());
  for (const vp of VPS) {
    await metrics(browser, server.origin, vp, 'blank');
    await metrics(browser, server.origin, vp, 'quiet');
    const raw = (out.raw[vp] = { blank: [], quiet: [] });
    for (let i = 0; i < RUNS; i++) {
      if (i === RUNS / 2) out.load.push(await waitQuiet());
      raw.blank.push(await metrics(browser, server.origin, vp, 'blank'));
      raw.quiet.push(await metrics(browser, server.origin, vp, 'quiet'));
    }
    out.summary[vp] = Object.fromEntries(
      KEYS.map((k) => {
        const b = median(raw.blank.map((x) => x[k]));
        const q = median(raw.quiet.map((x) => x[k]));
        return [k, { blank: r1(b), quiet: r1(q), candor: r1(q - b) }];
      }),
    );
    out.summary[vp].quietLongTasks = raw.quiet.map((x) => x.longtasks);
    console.error(vp, JSON.stringify(out.summary[vp]));
    out.traced[vp] = await tracedQuiet(browser, server.origin, vp);
    out.hits = server.hits.length;
  }
} finally {
  await browser.close();
  await server.close();
}
writeFileSync(`${DIR}/out/quiet.json`, JSON.stringify(out, null, 1));
console.log(JSON.stringify({ summary: out.summary, traced: out.traced, hits: out.hits }, null, 1).slice(0, 15000));
