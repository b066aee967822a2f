// How long the collector's summary takes over 1,000,000 answers in SQLite.
// Not a test: run it by hand after `npm run build` (it uses the compiled
// collector, as `npm start` does):
//
//   node bench/summary.mjs            # 1,000,000 rows
//   node bench/summary.mjs 200000     # fewer, for a quick look
//
// Fills a temp database with one survey's answers spread over the last 365
// days, then prints the median of 7 timed summaries (after one warm-up) for
// the whole year and for the default 30 days, and the query plan.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { openSqlite, SQLITE_SUMMARY_SQL } = await import('../build/demo/collector/storage/sqlite.js').catch(() => {
  console.error('build/demo/collector is missing: run "npm run build" (or "npm run build:collector") first.');
  process.exit(1);
});
const { default: Database } = await import('better-sqlite3');

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = 7;
const DAY = 86_400_000;

// A seeded PRNG (mulberry32): the same data on every run.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const today = new Date().toISOString().slice(0, 10);
const start = Date.parse(`${today}T00:00:00Z`) - 364 * DAY;
const categoryOf = (s) => (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor');

const dir = mkdtempSync(join(tmpdir(), 'candor-bench-'));
const file = join(dir, 'bench.db');
const storage = openSqlite(file);
try {
  let t = performance.now();
  for (let done = 0; done < ROWS;) {
    const rows = [];
    for (let i = 0; i < 10_000 && done < ROWS; i++, done++) {
      const score = Math.floor(random() * 11);
      const at = new Date(start + Math.floor(random() * 365 * 24) * 3_600_000).toISOString().replace('.000Z', 'Z');
      rows.push({
        id: randomUUID(),
        survey: 'bench',
        score,
        category: categoryOf(score),
        ...(random() < 0.2 && { comment: 'A realistic comment about the product, of a realistic length.' }),
        locale: 'en',
        page: '/pricing',
        device: random() < 0.5 ? 'mobile' : 'desktop',
        at,
        consentVersion: '1',
        sdk: '0.1.0',
      });
    }
    await storage.insert(rows);
  }
  const db = new Database(file, { readonly: true });
  const plan = db
    .prepare(`EXPLAIN QUERY PLAN ${SQLITE_SUMMARY_SQL}`)
    .all('bench', 'a', 'b')
    .map((p) => p.detail);
  db.close();
  console.log(`Filled ${ROWS.toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s (${file})`);
  console.log(`Query plan: ${plan.join('; ')}`);

  const median = async (from) => {
    const times = [];
    let summary;
    for (let i = 0; i <= RUNS; i++) {
      t = performance.now();
      summary = await storage.summary('bench', from, today);
      if (i > 0) times.push(performance.now() - t); // run 0 warms the page cache
    }
    times.sort((a, b) => a - b);
    return { ms: times[RUNS >> 1], summary };
  };
  for (const days of [365, 30]) {
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * DAY).toISOString().slice(0, 10);
    const { ms, summary } = await median(from);
    console.log(
      `summary over ${days} days (${summary.responses.toLocaleString('en')} answers, NPS ${summary.nps}): ` +
        `median ${ms.toFixed(1)} ms of ${RUNS} runs`,
    );
  }
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
