// 4 (detail). What the longest task of each step change is made of: full trace (with sampler)
// around the clicks "Yes, I'll answer" and the score 8, RUNS per viewport at CPU ×4.
//   node bench/profile/steps-trace.mjs [--runs=3]
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
import { breakdown } from './breakdown.mjs';
import { mainThread, threadEvents, tasks } from './trace.mjs';
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const STEPS = [
  { id: 'yes', role: 'button', name: "Yes, I'll answer", until: '[role=radiogroup]' },
  { id: 'score', role: 'radio', name: '8', until: 'textarea' },
];
async function once(browser, origin, vp) {
  const { context, page, cdp } = await freshPage(browser, vp);
  try {
    await gotoPainted(page, `${origin}/prompt.html`);
    await sleep(400);
    const stop = await startTrace(cdp, TRACE_CATEGORIES);
    for (const s of STEPS) {
      await page.evaluate(([id, sel]) => void window.__bench.arm(id, sel), [s.id, s.until]);
      await page.getByRole(s.role, { name: s.name, exact: true }).click({ timeout: 10_000 });
      await page.evaluate(() => window.__bench.pending);
      await sleep(250);
    }
    const ev = await stop();
    const mt = mainThread(ev, 'yes:down');
    const tree = threadEvents(ev, mt.pid, mt.tid);
    const res = {};
    for (const s of STEPS) {
      const down = mt.marks[`${s.id}:down`];
      const painted = mt.marks[`${s.id}:painted`];
      const mine = tasks(tree).filter((t) => t.end > down && t.ts < painted);
      const longest = mine.reduce((a, t) => (t.dur > (a?.dur ?? -1) ? t : a), null);
      const b = breakdown(ev, longest.ts, longest.end, mt, { tree, renderStart: 0 });
      res[s.id] = {
        longest: r1(longest.dur / 1000),
        cats: Object.fromEntries(
          Object.entries(b.cats)
            .filter(([, v]) => v > 0.2)
            .map(([k, v]) => [k, r1(v)]),
        ),
        fns: Object.fromEntries(
          Object.entries(b.fns)
            .slice(0, 6)
            .map(([k, v]) => [k, r1(v)]),
        ),
      };
    }
    return res;
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
    out[vp] = [];
    for (let i = 0; i < RUNS; i++) out[vp].push(await once(browser, server.origin, vp));
  }
} finally {
  await browser.close();
  await server.close();
}
writeFileSync(`${DIR}/out/steps-trace.json`, JSON.stringify(out, null, 1));
console.log(JSON.stringify(out, null, 1));
