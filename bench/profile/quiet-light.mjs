// 3 (detail). The quiet page (sample 0) under a light trace (no sampler): main-thread compile split
// (candor.js top level / init() / later callbacks), the two scripts' EvaluateScript spans, Candor's
// later tasks, the off-thread streaming parse. RUNS per viewport, CPU ×4.
//   node bench/profile/quiet-light.mjs [--runs=5]
import { writeFileSync } from 'node:fs';
import { freshPage, launch, median, r1, sleep, startServer, startTrace, waitQuiet, DIR } from './lib.mjs';
import { mainThread, threadEvents } from './trace.mjs';
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const LIGHT = ['toplevel', 'devtools.timeline', 'disabled-by-default-v8.compile', 'blink.user_timing', 'v8'];
const isCompile = (e) =>
  /^(V8\.CompileCode|v8\.compile|V8\.CompileLazy|V8\.ParseFunction|V8\.CompileIgnition)$/.test(e.name);

async function once(browser, origin, vp) {
  const { context, page, cdp } = await freshPage(browser, vp);
  try {
    const stop = await startTrace(cdp, LIGHT);
    await page.goto(`${origin}/quiet.html`);
    await sleep(4000);
    const ev = await stop();
    const mt = mainThread(ev);
    const tree = threadEvents(ev, mt.pid, mt.tid);
    const [loaded, init] = [mt.marks['candor:loaded'], mt.marks['candor:init']];
    const r = { compileTop: 0, compileInit: 0, compileLater: 0, evalTop: 0, evalInit: 0, later: 0 };
    for (const e of tree.all) {
      if (e.name !== 'EvaluateScript' && e.name !== 'FunctionCall' && e.name !== 'RunMicrotasks') continue;
      if (
        e.parent &&
        tree.all.includes(e.parent) &&
        [
          ...(function* a(x) {
            for (let p = x.parent; p; p = p.parent) yield p;
          })(e),
        ].some((p) => ['EvaluateScript', 'FunctionCall', 'RunMicrotasks'].includes(p.name))
      )
        continue;
      const url = e.args?.data?.url ?? '';
      const kind =
        e.name === 'EvaluateScript' && /candor\.js$/.test(url)
          ? 'Top'
          : e.name === 'EvaluateScript' && e.ts <= init && e.end >= loaded
            ? 'Init'
            : e.ts > init && e.name !== 'EvaluateScript'
              ? 'Later'
              : null;
      if (!kind) continue;
      let c = 0;
      const walk = (list) => {
        for (const x of list) {
          if (isCompile(x)) c += x.dur;
          else walk(x.children);
        }
      };
      walk(e.children);
      if (kind === 'Later') {
        r.later += e.dur;
        r.compileLater += c;
      } else {
        r[`eval${kind}`] += e.dur;
        r[`compile${kind}`] += c;
      }
    }
    r.background = ev
      .filter((e) => e.pid === mt.pid && e.tid !== mt.tid && e.ph === 'X' && e.name === 'v8.parseOnBackground')
      .reduce((a, e) => a + e.dur, 0);
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v / 1000]));
  } finally {
    await context.close();
  }
}
const server = await startServer();
const browser = await launch();
const out = {};
try {
  await waitQuiet();
  for (const vp of ['phone', 'desktop']) {
    await once(browser, server.origin, vp);
    const rs = [];
    for (let i = 0; i < RUNS; i++) rs.push(await once(browser, server.origin, vp));
    out[vp] = Object.fromEntries(Object.keys(rs[0]).map((k) => [k, r1(median(rs.map((x) => x[k])))]));
  }
} finally {
  await browser.close();
  await server.close();
}
writeFileSync(`${DIR}/out/quiet-light.json`, JSON.stringify(out, null, 1));
console.log(JSON.stringify(out, null, 1));
