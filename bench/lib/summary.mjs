// How long the collector's summary takes over many answers in SQLite: the
// logic behind `node bench/summary.mjs` and the collector part of `npm run bench`.
// Uses the compiled collector (demo/collector/dist/demo/collector), as `npm start` does.
//
// Fills a temp database with one survey's answers spread over the last 365
// days (seeded: the same data every run), then times `storage.summary` for the
// whole year and for the default 30 days: the median of `runs` timed calls
// after one warm-up, plus the query plan.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DAY = 86_400_000;
export const categoryOf = (s) => (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor');

/** A seeded PRNG (mulberry32): the same data on every run. */
export function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Imports a module of the compiled collector; a clear error when it was not built. */
export async function collectorModule(root, rel) {
  try {
    return await import(pathToFileURL(join(root, 'demo/collector/dist/demo/collector', rel)).href);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND')
      throw new Error(
        'demo/collector/dist/demo/collector is missing: run "npm run build" (or "npm run build:collector") first.',
      );
    throw error;
  }
}

/** An hour of the 365 days from `start` (ms), as the wire writes it. */
export const hourIn = (random, start) =>
  new Date(start + Math.floor(random() * 365 * 24) * 3_600_000).toISOString().replace('.000Z', 'Z');

/** The summary bench's answer: a score, sometimes a comment, a device; one page and language. */
function summaryRow(random, start) {
  const score = Math.floor(random() * 11);
  const at = hourIn(random, start);
  return {
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
  };
}

/**
 * Fills `storage` with `rows` seeded answers of survey "bench" over the 365
 * days up to `today` (UTC), 10,000 rows an insert, each made by `rowOf(random, start)`
 * (default: the summary bench's). Returns the seconds it took.
 */
export async function fill(storage, rows, today = new Date().toISOString().slice(0, 10), rowOf = summaryRow) {
  const random = mulberry32(42);
  const start = Date.parse(`${today}T00:00:00Z`) - 364 * DAY;
  const t = performance.now();
  for (let done = 0; done < rows;) {
    const batch = [];
    for (let i = 0; i < 10_000 && done < rows; i++, done++) batch.push(rowOf(random, start));
    await storage.insert(batch);
  }
  return (performance.now() - t) / 1000;
}

/**
 * Times `storage.summary('bench', from, today)` for each span of days: one
 * warm-up call (it warms the page cache), then `runs` timed calls.
 * @returns {Promise<{ days: number, from: string, to: string, responses: number, nps: number | null, times: number[], medianMs: number }[]>}
 */
export async function timeSummaries(
  storage,
  { runs = 7, spans = [365, 30], today = new Date().toISOString().slice(0, 10) } = {},
) {
  const out = [];
  for (const days of spans) {
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * DAY).toISOString().slice(0, 10);
    const times = [];
    let summary;
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      summary = await storage.summary('bench', from, today);
      if (i > 0) times.push(performance.now() - t);
    }
    const sorted = [...times].sort((a, b) => a - b);
    out.push({
      days,
      from,
      to: today,
      responses: summary.responses,
      nps: summary.nps,
      times,
      medianMs: sorted[runs >> 1],
    });
  }
  return out;
}

/**
 * The whole SQLite measurement in a temp directory (removed after).
 * @param {{ root: string, rows?: number, runs?: number, log?: (msg: string) => void }} options
 */
export async function sqliteSummaryBench({ root, rows = 1_000_000, runs = 7, log = () => {} }) {
  const { openSqlite, SQLITE_SUMMARY_SQL } = await collectorModule(root, 'storage/sqlite.js');
  const { default: Database } = await import('better-sqlite3');
  const today = new Date().toISOString().slice(0, 10);
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-'));
  const file = join(dir, 'bench.db');
  const storage = openSqlite(file);
  try {
    log(`filling ${rows.toLocaleString('en')} rows into SQLite (${file})`);
    const fillSeconds = await fill(storage, rows, today);
    const db = new Database(file, { readonly: true });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${SQLITE_SUMMARY_SQL}`)
      .all('bench', 'a', 'b')
      .map((p) => p.detail);
    db.close();
    const results = await timeSummaries(storage, { runs, today });
    return { database: 'SQLite', file, rows, runs, fillSeconds, plan, results };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
