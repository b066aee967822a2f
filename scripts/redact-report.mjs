// Precision and recall of the PII redactor over test/fixtures/comments.json,
// overall and per kind: node scripts/redact-report.mjs
// It bundles src/redact.ts in memory with esbuild and imports it from a data:
// URL, so the figure comes from the shipped source. `score` is also used by
// test/unit/redact.test.ts, so the test and the figure in the docs use one definition.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The placeholders `redact` writes, one per kind. */
export const KINDS = ['email', 'phone', 'card', 'iban', 'ip', 'url'];

const PLACEHOLDER = new RegExp(`(\\[(?:${KINDS.join('|')})\\])`);

/**
 * Where each placeholder of `output` stands in `text`, as "start:end:kind"
 * keys; `null` if `output` cannot come from `text` by replacing spans.
 * @param {string} text
 * @param {string} output
 * @returns {string[] | null}
 */
export function spans(text, output) {
  const parts = output.split(PLACEHOLDER);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = parts.map((p, i) => (i % 2 ? '([^]+?)' : escape(p))).join('');
  const m = new RegExp(`^${source}$`, 'd').exec(text);
  if (!m) return null;
  return parts.filter((_, i) => i % 2).map((p, i) => `${m.indices[i + 1].join(':')}:${p.slice(1, -1)}`);
}

/**
 * Scores `redact` against a corpus of `{ text, expected }`. A true positive is
 * an expected placeholder that the output has in exactly the same place; a
 * false positive is any other placeholder in the output (text changed that
 * should not have, or a wrong kind or extent); a false negative is an expected
 * placeholder the output lacks.
 * @param {{ text: string, expected: string }[]} corpus
 * @param {(text: string) => string} redact
 */
export function score(corpus, redact) {
  const kinds = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  for (const { text, expected } of corpus) {
    const want = spans(text, expected);
    if (!want) throw new Error(`expected value does not fit its text: ${expected}`);
    const got = spans(text, redact(text)) ?? [];
    for (const key of got) kinds[key.split(':')[2]][want.includes(key) ? 'tp' : 'fp']++;
    for (const key of want) if (!got.includes(key)) kinds[key.split(':')[2]].fn++;
  }
  const sum = (f) => KINDS.reduce((n, k) => n + kinds[k][f], 0);
  const tp = sum('tp');
  const fp = sum('fp');
  const fn = sum('fn');
  return { tp, fp, fn, precision: tp / (tp + fp), recall: tp / (tp + fn), kinds };
}

async function main() {
  const { build } = await import('esbuild');
  const root = new URL('..', import.meta.url);
  const out = await build({
    entryPoints: [fileURLToPath(new URL('src/redact.ts', root))],
    bundle: true,
    format: 'esm',
    write: false,
  });
  const code = out.outputFiles[0].text;
  const { redact } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const corpus = JSON.parse(readFileSync(new URL('test/fixtures/comments.json', root), 'utf8'));
  const r = score(corpus, redact);
  const pii = corpus.filter((c) => PLACEHOLDER.test(c.expected)).length;
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(`${corpus.length} comments, ${pii} with personal data, ${r.tp + r.fn} items to find`);
  console.log(`precision ${pct(r.precision)}  recall ${pct(r.recall)}  (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`);
  console.log('kind     items   tp   fp   fn');
  for (const k of KINDS) {
    const { tp, fp, fn } = r.kinds[k];
    console.log(
      `${`[${k}]`.padEnd(8)} ${String(tp + fn).padStart(5)} ${[tp, fp, fn].map((n) => String(n).padStart(4)).join(' ')}`,
    );
  }
  const misses = corpus.filter((c) => redact(c.text) !== c.expected);
  if (misses.length) console.log(`\nnot as expected (${misses.length}):`);
  for (const c of misses)
    console.log(`- ${c.text}\n  → ${redact(c.text)}${c.limitation ? `\n  known: ${c.limitation}` : ''}`);
}

// Run only as a script, not when the unit test imports `score`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
