// 2. Where the time to prompt goes, at CPU ×4, per viewport:
//    - TRACES traced runs (CDP Tracing, devtools.timeline + v8 + the V8 sampler's ProfileChunks);
//      the run nearest the median total is the representative one; its trace is saved;
//    - PROFILES runs under the CDP Profiler (100 µs sampling), windowed to script start → painted
//      with a user-timing-only trace (same clock); self time per source-mapped function.
//
//   node bench/profile/profile.mjs [--traces=5] [--profiles=3] [--page=prompt]
import { writeFileSync } from 'node:fs';
import {
  freshPage,
  gotoPainted,
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
import { frameInfo } from './srcmap.mjs';

const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;
const TRACES = Number(arg('traces', 5));
const PROFILES = Number(arg('profiles', 3));
const VPS = arg('vps', 'phone,desktop').split(',');

async function traced(browser, origin, vp) {
  const { context, page, cdp } = await freshPage(browser, vp);
  try {
    const stop = await startTrace(cdp, TRACE_CATEGORIES);
    await gotoPainted(page, `${origin}/prompt.html`);
    await sleep(300);
    const events = await stop();
    const mt = mainThread(events);
    const w0 = mt.marks['candor:start'];
    const w1 = mt.marks['candor:painted'];
    const b = breakdown(events, w0, w1, mt);
    const isCandor = (e) => e.name === 'EvaluateScript' && /candor\.js$/.test(e.args?.data?.url ?? '');
    const rt = b.renderTask;
    const phases = {
      'script start → candor.js run (wall)': (mt.marks['candor:loaded'] - w0) / 1000,
      'candor.js EvaluateScript': timeIn(b.tree, w0, w1, isCandor),
      'init() inline script (wall)': (mt.marks['candor:init'] - mt.marks['candor:loaded']) / 1000,
      'init → render task start (wall)': rt ? (rt.ts - mt.marks['candor:init']) / 1000 : null,
      'render task (DOMContentLoaded → render → forced style/layout)': rt ? rt.dur / 1000 : null,
      'render task end → painted (wall)': rt ? (w1 - rt.end) / 1000 : null,
    };
    // Per-phase category breakdowns: the render task, and the frame after it.
    const sub = (a, z) => breakdown(events, a, z, mt, { tree: b.tree }).cats;
    const render = rt ? { ms: rt.dur / 1000, cats: sub(rt.ts, rt.end) } : null;
    const frame = rt ? { ms: (w1 - rt.end) / 1000, cats: sub(rt.end, w1) } : null;
    delete b.tree;
    delete b.renderTask;
    return { total: b.total, b, phases, render, frame, events };
  } finally {
    await context.close();
  }
}

async function profiled(browser, origin, vp) {
  const { context, page, cdp } = await freshPage(browser, vp);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const stop = await startTrace(cdp, ['blink.user_timing']);
    await cdp.send('Profiler.start');
    await gotoPainted(page, `${origin}/prompt.html`);
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.send('Profiler.disable');
    const events = await stop();
    const mt = mainThread(events);
    const w0 = mt.marks['candor:start'];
    const w1 = mt.marks['candor:painted'];
    // Self time per node within the window (a sample's interval is the delta to the next).
    const ids = profile.samples;
    const deltas = profile.timeDeltas;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    let t = profile.startTime;
    let inside = 0;
    const times = [];
    for (let i = 0; i < ids.length; i++) {
      t += deltas[i];
      times.push(t);
    }
    for (let i = 0; i < ids.length; i++) {
      const t0 = times[i];
      const t1 = times[i + 1] ?? profile.endTime;
      const d = Math.max(0, Math.min(t1, w1) - Math.max(t0, w0));
      if (!d) continue;
      inside += d;
      self.set(ids[i], (self.get(ids[i]) ?? 0) + d);
    }
    const fns = {};
    const groups = {};
    for (const [id, us] of self) {
      const f = frameInfo(nodes.get(id).callFrame);
      const key = `${f.label}${f.min && f.min !== f.label ? ` [min: ${f.min}]` : ''}`;
      fns[key] = (fns[key] ?? 0) + us / 1000;
      groups[f.group] = (groups[f.group] ?? 0) + us / 1000;
    }
    return { window: (w1 - w0) / 1000, sampled: inside / 1000, fns, groups };
  } finally {
    await context.close();
  }
}

const server = await startServer();
const browser = await launch();
const out = { traces: {}, profiles: {}, load: [] };
try {
  out.load.push(await waitQuiet());
  // Warm-up (first context of a browser is slower).
  for (const vp of VPS) await traced(browser, server.origin, vp);
  for (const vp of VPS) {
    const runs = [];
    for (let i = 0; i < TRACES; i++) {
      runs.push(await traced(browser, server.origin, vp));
      console.error(`${vp} trace ${i + 1}/${TRACES}: ${runs.at(-1).total.toFixed(1)} ms`);
    }
    const med = median(runs.map((r) => r.total));
    const rep = runs.reduce((a, r) => (Math.abs(r.total - med) < Math.abs(a.total - med) ? r : a));
    writeFileSync(`${DIR}/out/trace-${vp}.json`, JSON.stringify({ traceEvents: rep.events }));
    // Medians of each bucket over the traced runs, next to the representative run's.
    const keys = [...new Set(runs.flatMap((r) => Object.keys(r.b.cats)))];
    out.traces[vp] = {
      totals: runs.map((r) => r1(r.total)),
      representative: {
        total: rep.total,
        cats: rep.b.cats,
        fns: Object.fromEntries(Object.entries(rep.b.fns).slice(0, 30)),
        tasks: rep.b.tasks,
        phases: rep.phases,
        render: rep.render,
        frame: rep.frame,
      },
      medianCats: Object.fromEntries(
        keys.map((k) => [k, median(runs.map((r) => r.b.cats[k] ?? 0))]).sort((a, b) => b[1] - a[1]),
      ),
      medianShare: Object.fromEntries(
        keys.map((k) => [k, median(runs.map((r) => (r.b.cats[k] ?? 0) / r.total))]).sort((a, b) => b[1] - a[1]),
      ),
      medianPhases: Object.fromEntries(Object.keys(rep.phases).map((k) => [k, median(runs.map((r) => r.phases[k]))])),
      renderTasks: runs.map((r) => r1(r.render?.ms ?? NaN)),
    };
    for (const r of runs) delete r.events;
    out.load.push(await waitQuiet());
    const profs = [];
    for (let i = 0; i < PROFILES; i++) profs.push(await profiled(browser, server.origin, vp));
    const fnKeys = [...new Set(profs.flatMap((p) => Object.keys(p.fns)))];
    const mean = (f) => profs.reduce((a, p) => a + (f(p) ?? 0), 0) / profs.length;
    out.profiles[vp] = {
      windows: profs.map((p) => r1(p.window)),
      sampled: profs.map((p) => r1(p.sampled)),
      topSelf: fnKeys
        .map((k) => [k, mean((p) => p.fns[k])])
        .sort((a, b) => b[1] - a[1])
        .slice(0, 30),
      groups: Object.fromEntries(
        [...new Set(profs.flatMap((p) => Object.keys(p.groups)))]
          .map((g) => [g, mean((p) => p.groups[g])])
          .sort((a, b) => b[1] - a[1]),
      ),
    };
    console.error(`${vp} profiles: windows ${out.profiles[vp].windows.join(', ')}`);
  }
} finally {
  await browser.close();
  await server.close();
}
writeFileSync(`${DIR}/out/profile.json`, JSON.stringify(out, null, 1));
console.log(JSON.stringify(out, null, 1).slice(0, 20000));
