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
// The logic lives in bench/lib/summary.mjs (the collector part of `npm run bench` uses it too).
import { fileURLToPath } from 'node:url';
import { sqliteSummaryBench } from './lib/summary.mjs';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = 7;

let result;
try {
  result = await sqliteSummaryBench({ root: fileURLToPath(new URL('../', import.meta.url)), rows: ROWS, runs: RUNS });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
console.log(`Filled ${ROWS.toLocaleString('en')} rows in ${result.fillSeconds.toFixed(1)} s (${result.file})`);
console.log(`Query plan: ${result.plan.join('; ')}`);
for (const { days, responses, nps, medianMs } of result.results)
  console.log(
    `summary over ${days} days (${responses.toLocaleString('en')} answers, NPS ${nps}): ` +
      `median ${medianMs.toFixed(1)} ms of ${RUNS} runs`,
  );
