// Main-thread compile inside candor.js's EvaluateScript, inside the init() script, and elsewhere (callbacks),
// plus the off-thread streaming parse of candor.js, from a saved trace.
import { readFileSync } from 'node:fs';
import { mainThread, threadEvents } from './trace.mjs';
const { traceEvents: ev } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const mt = mainThread(ev);
const tree = threadEvents(ev, mt.pid, mt.tid);
const w0 = mt.marks['candor:start'];
const w1 = mt.marks['candor:painted'] ?? w0 + 4e6;
const isCompile = (e) =>
  /^(V8\.CompileCode|v8\.compile|V8\.CompileLazy|V8\.ParseFunction|V8\.CompileIgnition|V8\.FinalizeBaselineConcurrentCompilation|FlushInstructionCache)$/.test(
    e.name,
  );
const where = (e) => {
  for (let p = e.parent; p; p = p.parent) {
    const url = p.args?.data?.url ?? '';
    if (p.name === 'EvaluateScript')
      return /candor\.js$/.test(url)
        ? 'candor.js top level'
        : p.ts <= mt.marks['candor:init'] && p.end >= mt.marks['candor:loaded']
          ? 'init() script'
          : 'other inline';
    if (p.name === 'FunctionCall' || p.name === 'TimerFire' || p.name === 'EventDispatch' || p.name === 'RunMicrotasks')
      return 'callbacks (timer, DOMContentLoaded render, microtasks)';
  }
  return 'other';
};
const out = {};
const js = {};
const walk = (list) => {
  for (const e of list) {
    if (e.end <= w0 || e.ts >= w1) continue;
    if (
      isCompile(e) &&
      !(e.name === 'v8.compile' && !/candor/.test(e.args?.data?.url ?? '') && where(e) === 'other inline')
    ) {
      const k = where(e);
      out[k] = (out[k] ?? 0) + (Math.min(e.end, w1) - Math.max(e.ts, w0)) / 1000;
    } else walk(e.children);
  }
};
walk(tree.roots);
// Whole EvaluateScript spans.
for (const e of tree.all)
  if (e.name === 'EvaluateScript' && e.end > w0 && e.ts < w1) {
    const url = e.args?.data?.url ?? '';
    const k = /candor\.js$/.test(url)
      ? 'candor.js EvaluateScript (total)'
      : e.ts <= mt.marks['candor:init'] && e.end >= mt.marks['candor:loaded']
        ? 'init() script EvaluateScript (total)'
        : null;
    if (k) js[k] = (js[k] ?? 0) + e.dur / 1000;
  }
const bg = ev
  .filter(
    (e) =>
      e.pid === mt.pid &&
      e.tid !== mt.tid &&
      e.ph === 'X' &&
      /^(v8\.parseOnBackground)$/.test(e.name) &&
      /candor/.test(JSON.stringify(e.args)),
  )
  .reduce((a, e) => a + e.dur / 1000, 0);
console.log(
  JSON.stringify({ mainThreadCompile: out, scripts: js, backgroundStreamingParse: bg }, (k, v) =>
    typeof v === 'number' ? +v.toFixed(1) : v,
  ),
);
