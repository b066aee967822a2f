// The main-thread tasks between script start and the painted prompt, at CPU ×4, per viewport, from
// light traces (toplevel + devtools.timeline + v8 compile/evaluate events, no sampler): for each run,
// every task of 20 ms or more with what runs inside it (scripts and modules evaluated, callbacks,
// style, layout), and per kind of task the median over runs. Works on the loader and its parts.
//
//   node bench/profile/tasks.mjs [--runs=8] [--vps=phone,desktop] [--page=prompt]
import { freshPage, gotoPainted, launch, median, r1, sleep, startServer, startTrace, waitQuiet } from './lib.mjs';
import { mainThread, tasks, threadEvents } from './trace.mjs';

const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;
const RUNS = Number(arg('runs', 8));
const VPS = arg('vps', 'phone,desktop').split(',');
const PAGE = arg('page', 'prompt');
const CATS = [
  '-*',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
];

const short = (url = '') => url.replace(/^https?:\/\/[^/]+/, '').replace(/-[\w-]{8}\.js$/, '.js');

/** What a task is, from its first meaningful child: the loader, a part's evaluation, a timer, the parser… */
function label(task) {
  const walk = (e, d = 0) => {
    const a = e.args?.data ?? {};
    if (e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule' || e.name === 'v8.run')
      return `${e.name} ${short(a.url ?? e.args?.fileName)}`;
    if (e.name === 'FunctionCall') return `FunctionCall ${short(a.url)}:${a.functionName || '?'}`;
    if (e.name === 'TimerFire' || e.name === 'FireIdleCallback' || e.name === 'FireAnimationFrame') return e.name;
    if (e.name === 'ParseHTML') return 'ParseHTML';
    if (e.name === 'EventDispatch') return `EventDispatch ${a.type}`;
    if (d < 3)
      for (const c of e.children) {
        const l = walk(c, d + 1);
        if (l) return l;
      }
    return undefined;
  };
  return walk(task) ?? task.name;
}

/** Time per event name directly or deeply inside `task` (self time, ms). */
function composition(task) {
  const out = {};
  const visit = (e) => {
    const childDur = e.children.reduce((s, c) => s + c.dur, 0);
    let name = e.name;
    const a = e.args?.data ?? {};
    if (name === 'EvaluateScript' || name === 'v8.evaluateModule') name += ` ${short(a.url ?? e.args?.fileName)}`;
    if (name === 'FunctionCall') name += ` ${short(a.url)}`;
    if (name.startsWith('V8.') || name === 'v8.compile' || name === 'v8.parseOnBackground') name = 'v8.compile/parse';
    out[name] = (out[name] ?? 0) + Math.max(0, e.dur - childDur) / 1000;
    e.children.forEach(visit);
  };
  visit(task);
  return Object.entries(out)
    .filter(([, ms]) => ms >= 1)
    .sort((x, y) => y[1] - x[1])
    .map(([k, ms]) => `${k} ${r1(ms)}`)
    .join(', ');
}

const browser = await launch();
const server = await startServer();
try {
  for (const vp of VPS) {
    const byLabel = {};
    for (let i = 0; i < RUNS; i++) {
      await waitQuiet(1.5);
      const { context, page, cdp } = await freshPage(browser, vp);
      try {
        const stop = await startTrace(cdp, CATS);
        await gotoPainted(page, `${server.origin}/${PAGE}.html`);
        await sleep(300);
        const events = await stop();
        const mt = mainThread(events);
        const tree = threadEvents(events, mt.pid, mt.tid);
        const w0 = mt.marks['candor:start'];
        const w1 = mt.marks['candor:painted'];
        const inWindow = tasks(tree).filter((t) => t.end > w0 && t.ts < w1);
        console.log(`\n${vp} run ${i + 1}: start → painted ${r1((w1 - w0) / 1000)} ms, ${inWindow.length} tasks`);
        for (const t of inWindow) {
          const l = label(t);
          (byLabel[l] ??= []).push(t.dur / 1000);
          if (t.dur >= 20_000)
            console.log(
              `  @${r1((t.ts - w0) / 1000)} ${r1(t.dur / 1000)} ms ${l}${t.dur >= 50_000 ? ' LONG' : ''}: ${composition(t)}`,
            );
        }
      } finally {
        await context.close();
      }
    }
    console.log(`\n${vp}: tasks by kind (median ms over the runs where they ran, max, runs)`);
    for (const [l, d] of Object.entries(byLabel)
      .sort((a, b) => median(b[1]) - median(a[1]))
      .slice(0, 14))
      console.log(`  ${r1(median(d))} (max ${r1(Math.max(...d))}, ${d.length} runs) ${l}`);
  }
} finally {
  await browser.close();
  await server.close();
}
