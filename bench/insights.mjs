// How long the collector's insight reads take over 1,000,000 answers, on SQLite and (with
// DATABASE_URL) PostgreSQL. Not a test: run it by hand after `npm run build`:
//
//   node bench/insights.mjs                 # SQLite, 1,000,000 rows
//   node bench/insights.mjs 200000          # fewer, for a quick look
//   DATABASE_URL=postgres://… node bench/insights.mjs   # PostgreSQL too (an empty database)
//   DATABASE_URL=postgres://… node bench/insights.mjs --postgres-only
//
// Fills one survey's answers over the last 365 days (about 82,000 in the default 30 days), with
// pages, devices, locales, a segment and comments in four languages, then times each read the
// dashboard makes for the default 30 days: the median of 7 runs after one warm-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { insightsRow } from './lib/insightsRow.mjs';
import { collectorModule, fill } from './lib/summary.mjs';

const ROWS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
/** `--postgres-only`: skip SQLite (with DATABASE_URL). */
const POSTGRES_ONLY = process.argv.includes('--postgres-only');
const RUNS = 7;
const DAY = 86_400_000;
const root = fileURLToPath(new URL('../', import.meta.url));
async function time(fn) {
  await fn();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function bench(name, storage, afterFill = async () => {}) {
  const today = new Date().toISOString().slice(0, 10);
  const fillSeconds = await fill(storage, ROWS, today, insightsRow);
  await afterFill();
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * DAY).toISOString().slice(0, 10);
  const { summaryWithInsights } = await collectorModule(root, 'insights/summaryInsights.js');
  const { overviewOf } = await collectorModule(root, 'insights/overview.js');
  const { breakdownOf } = await collectorModule(root, 'insights/breakdown.js');
  const { themesOf } = await collectorModule(root, 'insights/themes/themes.js');
  const { THEMES_CORPUS } = await collectorModule(root, 'insights/themes/route.js');
  const breakdown = async (by) =>
    breakdownOf({ survey: 'bench', from, to: today, by }, await storage.groups('bench', from, today, by), 10);
  const reads = {
    'summary (with the previous period and trend)': () => summaryWithInsights(storage, 'bench', from, today, 10),
    'overview of every survey': () => overviewOf(storage, from, today, 10, false),
    'breakdown by device': () => breakdown('device'),
    'breakdown by page': () => breakdown('page'),
    'breakdown by segment.plan': () => breakdown('segment.plan'),
    'themes of detractors (latest 5,000 comments)': async () =>
      themesOf(await storage.themeComments('bench', from, today, THEMES_CORPUS), 'detractor', 10, true),
    'comments holding "slow" (the newest 50; text filter, up to 5,000 read)': () =>
      storage.comments(
        'bench',
        { range: { from, to: today }, scan: THEMES_CORPUS, match: (c) => c.toLowerCase().includes('slow') },
        50,
      ),
    'comments of detractors on plan "pro" (the newest 50)': () =>
      storage.comments(
        'bench',
        {
          range: { from, to: today },
          scan: THEMES_CORPUS,
          category: 'detractor',
          segment: { key: 'plan', value: 'pro' },
        },
        50,
      ),
    'comments on plan "gold" (no one has it: stops after 5,000 read)': () =>
      storage.comments(
        'bench',
        { range: { from, to: today }, scan: THEMES_CORPUS, segment: { key: 'plan', value: 'gold' } },
        50,
      ),
  };
  console.log(
    `${name}: filled ${ROWS.toLocaleString('en')} rows in ${fillSeconds.toFixed(0)} s; the default 30 days, ${from} to ${today}:`,
  );
  for (const [read, fn] of Object.entries(reads))
    console.log(`  ${read}: median ${(await time(fn)).toFixed(1)} ms of ${RUNS}`);
}

if (!POSTGRES_ONLY) {
  const { openSqlite } = await collectorModule(root, 'storage/sqlite.js');
  const dir = mkdtempSync(join(tmpdir(), 'candor-insights-bench-'));
  const sqlite = openSqlite(join(dir, 'bench.db'));
  try {
    await bench('SQLite', sqlite);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (process.env.DATABASE_URL) {
  const { openPostgres } = await collectorModule(root, 'storage/postgres.js');
  const pg = await openPostgres(process.env.DATABASE_URL);
  try {
    // As autovacuum would soon after a bulk load: the visibility map lets scans stay index-only.
    await bench('PostgreSQL', pg, async () => {
      const { default: pgModule } = await import('pg');
      const client = new pgModule.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query('VACUUM ANALYZE responses');
      await client.end();
    });
  } finally {
    await pg.close();
  }
}
