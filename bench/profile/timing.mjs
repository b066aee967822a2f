// 1. Time to prompt (script start → first task after the frame following `shown`), long tasks in
//    that window, per viewport, ≥10 fresh contexts at CPU ×4 (no tracing during the window).
// 4. Step changes in the same contexts: click "Yes, I'll answer", then the score 8; a light trace
//    (toplevel + user timing only, started after the prompt is painted) gives every main-thread
//    task, so the longest task of each step change is known even under 50 ms.
//
//   node bench/profile/timing.mjs [--runs=15] [--nosteps] [--out=timing]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import {
  freshPage,
  gotoPainted,
  launch,
  marksOf,
  median,
  p95,
  r1,
  sleep,
  startServer,
  startTrace,
  waitQuiet,
  DIR,
  RATE,
} from './lib.mjs';
import { mainThread, threadEvents, tasks } from './trace.mjs';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 15);
const VPS = ['phone', 'desktop'];
const STEPS_ON = !process.argv.includes('--nosteps');
const OUT = process.argv.find((a) => a.startsWith('--out='))?.slice(6) ?? 'timing';
const STEPS = [
  { id: 'yes', role: 'button', name: "Yes, I'll answer", until: '[role=radiogroup]' },
  { id: 'score', role: 'radio', name: '8', until: 'textarea' },
];

async function one(browser, origin, vp) {
  const { context, page, cdp, errors } = await freshPage(browser, vp);
  try {
    await gotoPainted(page, `${origin}/prompt.html`); // no polling, no injected script before the paint
    await sleep(400); // long-task entries arrive after their task; the 0.2 s entrance animation ends
    const show = await marksOf(page);
    const m = show.marks;
    const start = m['candor:start'];
    const end = m['candor:painted'];
    const lts = show.longtasks
      .filter((t) => t.start + t.duration > start && t.start < end)
      .map((t) => ({ at: r1(t.start - start), ms: r1(t.duration) }));
    const rel = (k) => (m[k] === undefined ? null : r1(m[k] - start));
    const prompt = {
      total: rel('candor:painted'),
      loaded: rel('candor:loaded'),
      init: rel('candor:init'),
      shown: rel('candor:shown'),
      raf: rel('candor:raf'),
      fromNav: r1(end),
      visible: show.visible,
      longtasks: lts,
    };

    if (!STEPS_ON) return { prompt, steps: null };
    // Step changes, traced lightly (all tasks, their durations).
    const stop = await startTrace(cdp, ['toplevel', 'blink.user_timing']);
    const steps = {};
    for (const s of STEPS) {
      await page.evaluate(([id, sel]) => void window.__bench.arm(id, sel), [s.id, s.until]);
      await page.getByRole(s.role, { name: s.name, exact: true }).click({ timeout: 10_000 });
      steps[s.id] = await page.evaluate(() => window.__bench.pending);
      await sleep(250);
    }
    await sleep(300);
    const events = await stop();
    const after = await marksOf(page);
    const { pid, tid, marks } = mainThread(events, 'yes:down');
    const list = tasks(threadEvents(events, pid, tid));
    for (const s of STEPS) {
      const down = marks[`${s.id}:down`];
      const painted = marks[`${s.id}:painted`];
      // The task that dispatched pointerdown starts before the mark: take tasks ending after it.
      const mine = list.filter((t) => t.end > down && t.ts < painted);
      const longest = mine.reduce((a, t) => (t.dur > (a?.dur ?? -1) ? t : a), null);
      const x = steps[s.id];
      const lt = after.longtasks.filter((t) => t.start + t.duration > x.down && t.start < x.painted);
      steps[s.id] = {
        toPaint: r1(x.painted - x.down),
        toChange: r1(x.changed - x.down),
        tasks: mine.length,
        longestTask: r1(longest.dur / 1000),
        taskSum: r1(mine.reduce((a, t) => a + t.dur, 0) / 1000),
        longtasks: lt.map((t) => r1(t.duration)),
      };
    }
    if (errors.length) prompt.errors = errors;
    return { prompt, steps };
  } finally {
    await context.close();
  }
}

const server = await startServer();
const browser = await launch();
const out = { rate: RATE, runs: RUNS, chromium: browser.version(), load: [], results: {} };
try {
  out.load.push(await waitQuiet());
  for (const vp of VPS) await one(browser, server.origin, vp); // warm-up, discarded
  for (let i = 0; i < RUNS; i++) {
    if (i && i % 5 === 0) out.load.push(await waitQuiet());
    for (const vp of VPS) {
      (out.results[vp] ??= []).push(await one(browser, server.origin, vp));
    }
    console.error(`run ${i + 1}/${RUNS} load ${loadavg()[0].toFixed(2)}`);
  }
  out.load.push(loadavg()[0]);
} finally {
  await browser.close();
  await server.close();
}

const summary = {};
for (const vp of VPS) {
  const rs = out.results[vp];
  const col = (f) => rs.map(f);
  const sum = (xs) => ({
    median: r1(median(xs)),
    p95: r1(p95(xs)),
    min: r1(Math.min(...xs)),
    max: r1(Math.max(...xs)),
  });
  summary[vp] = {
    total: sum(col((r) => r.prompt.total)),
    loaded: sum(col((r) => r.prompt.loaded)),
    initCall: sum(col((r) => r.prompt.init - r.prompt.loaded)),
    initToShown: sum(col((r) => r.prompt.shown - r.prompt.init)),
    shownToPainted: sum(col((r) => r.prompt.total - r.prompt.shown)),
    fromNav: sum(col((r) => r.prompt.fromNav)),
    visibleAll: rs.every((r) => r.prompt.visible),
    runsWithLongTask: rs.filter((r) => r.prompt.longtasks.length).length,
    longtasks: rs.map((r) => r.prompt.longtasks),
    longestLT: sum(col((r) => Math.max(0, ...r.prompt.longtasks.map((t) => t.ms)))),
    steps: !STEPS_ON
      ? null
      : Object.fromEntries(
          STEPS.map((s) => [
            s.id,
            {
              toPaint: sum(col((r) => r.steps[s.id].toPaint)),
              longestTask: sum(col((r) => r.steps[s.id].longestTask)),
              taskSum: sum(col((r) => r.steps[s.id].taskSum)),
              runsWithLongTask: rs.filter((r) => r.steps[s.id].longtasks.length).length,
            },
          ]),
        ),
  };
}
out.summary = summary;
writeFileSync(`${DIR}/out/${OUT}.json`, JSON.stringify(out, null, 1));
console.log(JSON.stringify(summary, (k, v) => (k === 'longtasks' ? JSON.stringify(v) : v), 1));
