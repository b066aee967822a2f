// Experiments on copies (the repository's files are never changed), CPU ×4:
//   prompt        the baseline page (dist/candor.js as built)
//   prompt-hints  the same bytes with `//# allFunctionsCalledOnLoad` on top (V8 explicit compile hints:
//                 functions compiled on the streaming thread, not lazily on the main thread)
//   prompt-late   init() called in its own task after DOMContentLoaded: the render is not inside the
//                 parser's last task (which ends with a forced style + layout)
// Untraced: time to prompt + long tasks (RUNS per variant, round-robin). Light-traced (no sampler):
// main-thread compile time and the background thread's, and the render task's length.
//
//   node bench/profile/exp.mjs [--runs=12] [--traces=4] [--vps=phone]
import { writeFileSync } from 'node:fs';
import {
  freshPage,
  gotoPainted,
  launch,
  marksOf,
  median,
  r1,
  sleep,
  startServer,
  startTrace,
  waitQuiet,
  DIR,
} from './lib.mjs';
import { mainThread, threadEvents, tasks } from './trace.mjs';

const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;
const RUNS = Number(arg('runs', 12));
const TRACES = Number(arg('traces', 4));
const VPS = arg('vps', 'phone').split(',');
const VARIANTS = arg('variants', 'prompt,prompt-hints,prompt-late').split(',');
const LIGHT = ['toplevel', 'devtools.timeline', 'disabled-by-default-v8.compile', 'blink.user_timing', 'v8'];

async function untraced(browser, origin, vp, variant) {
  const { context, page } = await freshPage(browser, vp);
  try {
    await gotoPainted(page, `${origin}/${variant}.html`);
    await sleep(300);
    const { marks: m, longtasks, visible } = await marksOf(page);
    const s = m['candor:start'];
    const e = m['candor:painted'];
    const lts = longtasks.filter((t) => t.start + t.duration > s && t.start < e).map((t) => r1(t.duration));
    return { total: r1(e - s), shown: r1(m['candor:shown'] - s), lts, longest: Math.max(0, ...lts), visible };
  } finally {
    await context.close();
  }
}

async function traced(browser, origin, vp, variant) {
  const { context, page, cdp } = await freshPage(browser, vp);
  try {
    const stop = await startTrace(cdp, LIGHT);
    await gotoPainted(page, `${origin}/${variant}.html`);
    await sleep(300);
    const events = await stop();
    const mt = mainThread(events);
    const w0 = mt.marks['candor:start'];
    const w1 = mt.marks['candor:painted'];
    const tree = threadEvents(events, mt.pid, mt.tid);
    // Outermost compile events on the main thread, in the window.
    const isCompile = (e) =>
      /^(V8\.CompileCode|v8\.compile|V8\.CompileLazy|V8\.CompileFullCode|V8\.ParseFunction|V8\.CompileIgnition)$/.test(
        e.name,
      );
    let compile = 0;
    const walk = (list) => {
      for (const e of list) {
        if (e.end <= w0 || e.ts >= w1) continue;
        if (isCompile(e)) compile += Math.min(e.end, w1) - Math.max(e.ts, w0);
        else walk(e.children);
      }
    };
    walk(tree.roots);
    // Background: streaming parse/compile of the script on worker threads.
    const bg = events
      .filter(
        (e) =>
          e.pid === mt.pid &&
          e.tid !== mt.tid &&
          e.ph === 'X' &&
          /^(v8\.parseOnBackground|V8\.StreamingFinalization|BackgroundCompileTask::Run)$/.test(e.name),
      )
      .reduce((a, e) => a + e.dur, 0);
    const shown = mt.marks['candor:shown'];
    const list = tasks(tree).filter((t) => t.end > w0 && t.ts < w1);
    const renderTask = list.find((t) => t.ts <= shown && shown < t.end);
    return {
      total: r1((w1 - w0) / 1000),
      mainCompile: r1(compile / 1000),
      backgroundParseCompile: r1(bg / 1000),
      renderTask: r1((renderTask?.dur ?? NaN) / 1000),
      longestTask: r1(Math.max(...list.map((t) => t.dur)) / 1000),
    };
  } finally {
    await context.close();
  }
}

const server = await startServer();
const browser = await launch();
const out = { runs: RUNS, traces: TRACES, load: [], untraced: {}, traced: {} };
try {
  out.load.push(await waitQuiet());
  for (const vp of VPS) {
    for (const v of VARIANTS) await untraced(browser, server.origin, vp, v); // warm-up
    for (let i = 0; i < RUNS; i++) {
      if (i && i % 6 === 0) out.load.push(await waitQuiet());
      for (const v of VARIANTS)
        ((out.untraced[vp] ??= {})[v] ??= []).push(await untraced(browser, server.origin, vp, v));
    }
    out.load.push(await waitQuiet());
    for (let i = 0; i < TRACES; i++)
      for (const v of VARIANTS) ((out.traced[vp] ??= {})[v] ??= []).push(await traced(browser, server.origin, vp, v));
    console.error(`${vp} done`);
  }
} finally {
  await browser.close();
  await server.close();
}
const summary = {};
for (const vp of VPS)
  for (const v of VARIANTS) {
    const u = out.untraced[vp][v];
    const t = out.traced[vp][v];
    (summary[vp] ??= {})[v] = {
      total: r1(median(u.map((x) => x.total))),
      shown: r1(median(u.map((x) => x.shown))),
      longestLongTask: r1(median(u.map((x) => x.longest))),
      runsWithLongTask: u.filter((x) => x.lts.length).length,
      allVisible: u.every((x) => x.visible),
      tracedTotal: r1(median(t.map((x) => x.total))),
      mainCompile: r1(median(t.map((x) => x.mainCompile))),
      backgroundParseCompile: r1(median(t.map((x) => x.backgroundParseCompile))),
      renderTask: r1(median(t.map((x) => x.renderTask))),
      longestTask: r1(median(t.map((x) => x.longestTask))),
    };
  }
out.summary = summary;
writeFileSync(`${DIR}/out/exp.json`, JSON.stringify(out, null, 1));
console.log(JSON.stringify(summary, null, 1));
