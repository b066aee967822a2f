// How soon the dashboard shows a survey's figures on the loopback: from navigation to the report
// shown with both charts drawn, the breakdown and the themes filled. Not a test: run it by hand after
// `npm run build` (the compiled collector, as `npm start`):
//
//   node bench/dashboard.mjs          # the sample survey (about 1,300 answers), median of 9 loads
//   node bench/dashboard.mjs 1000000  # a survey of 1,000,000 answers over a year (bench/insights.mjs's)
//
// Each load is a fresh page (no cache) at 1280 × 900 in headless Chromium; the first load is a warm-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../test/browser/harness.mjs';
import { insightsRow } from './lib/insightsRow.mjs';
import { collectorModule, fill } from './lib/summary.mjs';

const RUNS = 9;
/** Answers to fill survey "bench" with; none: the sample survey. */
const ROWS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 0);
const root = fileURLToPath(new URL('../', import.meta.url));
const { startCollector } = await collectorModule(root, 'start.js');
const { seedSample } = await collectorModule(root, 'sample.js');
const dir = mkdtempSync(join(tmpdir(), 'candor-dashboard-bench-'));
const running = await startCollector({ CANDOR_DB: join(dir, 'bench.db'), PORT: '0', CANDOR_LOG_LEVEL: 'silent' });
const browser = await launch();
try {
  let stored;
  let survey = 'sample';
  if (ROWS) {
    console.log(`filling ${ROWS.toLocaleString('en')} answers…`);
    await fill(running.storage, ROWS, new Date().toISOString().slice(0, 10), insightsRow);
    [stored, survey] = [ROWS, 'bench'];
  } else stored = await seedSample(running.storage, Date.now());
  const [base, fragment] = running.dashboard.split('#');
  const times = [];
  for (let i = 0; i <= RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}?survey=${survey}#${fragment}`);
    // Everything with data on screen: the report, both charts' canvases, groups, the themes (or why none) and comments.
    const ms = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const done = () =>
            !document.getElementById('report').hidden &&
            document.querySelectorAll('#trend-chart canvas, #scores-chart canvas').length === 2 &&
            document.querySelector('#breakdown-table tbody tr') &&
            /^(From|No theme)/.test(document.getElementById('themes-note').textContent) &&
            document.querySelector('#comment-list li');
          const check = () => (done() ? resolve(performance.now()) : requestAnimationFrame(check));
          check();
        }),
    );
    if (i > 0) times.push(ms);
    await context.close();
  }
  times.sort((a, b) => a - b);
  console.log(
    `Dashboard of ${stored.toLocaleString('en')} ${ROWS ? '' : 'sample '}answers (the default 30 days), figures, charts, groups, themes and comments on screen: ` +
      `median ${times[Math.floor(RUNS / 2)].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}) of ${RUNS} loads`,
  );
} finally {
  await browser.close();
  await running.close();
  rmSync(dir, { recursive: true, force: true });
}
