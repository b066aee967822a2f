// Runs the benchmark parts (bench/parts/*.mjs) one after another and writes
// bench/results.json, bench/charts/*.svg and bench/REPORT.md. See bench/README.md.
//
//   node bench/run.mjs                      # every part (after `npm run build`)
//   node bench/run.mjs --quick              # smoke run: fewer repetitions
//   node bench/run.mjs --only=browser,bytes # some parts; the others keep their last results
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as stats from './stats.mjs';
import { barChart, lineChart } from './chart.mjs';
import { ARGS, CHROMIUM, launch, serve } from '../test/browser/harness.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BENCH = join(ROOT, 'bench');
const PARTS_DIR = join(BENCH, 'parts');
const CHARTS_DIR = join(BENCH, 'charts');
const RESULTS = join(BENCH, 'results.json');
const REPORT = join(BENCH, 'REPORT.md');
/** Report order; parts not listed here come after, alphabetically. */
const ORDER = ['bytes', 'quiet', 'browser', 'outbox', 'peers', 'collector'];
/** A part that runs longer than this is stopped and reported as failed. */
const PART_TIMEOUT_MS = Number(process.env.BENCH_PART_TIMEOUT_MS ?? 30 * 60_000);

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknownArg = args.find((a) => a !== '--quick' && !a.startsWith('--only='));
if (unknownArg) {
  console.error(`bench: unknown argument ${unknownArg} (use --quick and/or --only=a,b)`);
  process.exit(2);
}
if (!existsSync(join(ROOT, 'dist', 'candor.js'))) {
  console.error('bench: dist/candor.js is missing: run "npm run build" first (npm run bench does).');
  process.exit(2);
}

const available = readdirSync(PARTS_DIR)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.slice(0, -4))
  .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
const missing = only?.filter((id) => !available.includes(id)) ?? [];
if (missing.length) {
  console.error(`bench: no part named ${missing.join(', ')} (have: ${available.join(', ')})`);
  process.exit(2);
}
const selected = only ? available.filter((id) => only.includes(id)) : available;

// ---------------------------------------------------------------- environment

const sh = (cmd, argv) => {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
  } catch {
    return undefined;
  }
};
const json = (path) => JSON.parse(readFileSync(path, 'utf8'));

function machine() {
  const cpus = os.cpus();
  let distro;
  try {
    distro = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    // Not Linux, or no os-release: os.type() and release below still say what it is.
  }
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: +(os.totalmem() / 1024 ** 3).toFixed(1),
    os: `${distro ?? os.type()} (${os.type()} ${os.release()}, ${os.arch()})`,
  };
}

function versions() {
  const chromium = sh(CHROMIUM, ['--version']);
  return {
    Candor: json(join(ROOT, 'package.json')).version,
    Node: process.version,
    Chromium: chromium ?? `not found at ${CHROMIUM}`,
    'playwright-core': json(join(ROOT, 'node_modules', 'playwright-core', 'package.json')).version,
  };
}

function commit() {
  const head = sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no']);
  return head ? `${head}${dirty ? ' (with uncommitted changes)' : ''}` : undefined;
}

/** Peer versions a part reports: `versions`, `data.versions`, or `data.peers` items with name and version. */
function peerVersions(result) {
  const out = {};
  const add = (name, version) => typeof name === 'string' && typeof version === 'string' && (out[name] = version);
  for (const source of [result?.data?.versions, result?.versions]) {
    if (source && typeof source === 'object') for (const [k, v] of Object.entries(source)) add(k, v);
  }
  const peers = result?.data?.peers;
  for (const p of Array.isArray(peers) ? peers : peers && typeof peers === 'object' ? Object.values(peers) : [])
    add(p?.name, p?.version);
  return out;
}

// ---------------------------------------------------------------- running

const started = Date.now();
const log = (id) => (msg) => {
  const s = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${s}s ${id}] ${msg}\n`);
};

/** CDP `Emulation.setCPUThrottlingRate` on one page; returns the session (for more CDP calls). */
async function cpuThrottle(page, rate) {
  const session = await page.context().newCDPSession(page);
  await session.send('Emulation.setCPUThrottlingRate', { rate });
  return session;
}

const withTimeout = (promise, ms, what) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 60_000} min`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });

function checkResult(id, result) {
  if (!result || typeof result !== 'object') throw new Error(`run() returned ${typeof result}, not an object`);
  if (typeof result.title !== 'string' || typeof result.markdown !== 'string')
    throw new Error('run() must return { id, title, markdown, data, charts? } with string title and markdown');
  if (result.id !== undefined && result.id !== id) log(id)(`note: part returned id "${result.id}"; using "${id}"`);
  for (const c of result.charts ?? []) {
    if (!/^[\w.-]+\.svg$/.test(c?.file ?? '') || typeof c.svg !== 'string')
      throw new Error(`bad chart ${JSON.stringify(c?.file)}: expected { file: 'name.svg', svg: '<svg…>' }`);
  }
  JSON.stringify(result.data ?? null); // must serialise (throws on cycles and BigInt)
}

const env = { machine: machine(), versions: versions(), commit: commit() };
const date = new Date().toISOString();
mkdirSync(CHARTS_DIR, { recursive: true });

/** @type {Record<string, any>} */
const previous = only && existsSync(RESULTS) ? (json(RESULTS).parts ?? {}) : {};
const parts = {};
let failed = 0;

log('bench')(`${quick ? 'quick ' : ''}run of ${selected.join(', ')} on ${env.machine.cpu} × ${env.machine.cores}`);
for (const id of selected) {
  const t0 = Date.now();
  const loadStart = os.loadavg()[0];
  const ctx = {
    root: ROOT,
    quick,
    log: log(id),
    stats,
    chart: { barChart, lineChart },
    serve,
    launch,
    ARGS,
    CHROMIUM,
    cpuThrottle,
  };
  try {
    const mod = await import(pathToFileURL(join(PARTS_DIR, `${id}.mjs`)).href);
    if (typeof mod.run !== 'function') throw new Error(`bench/parts/${id}.mjs does not export run(ctx)`);
    const result = await withTimeout(
      Promise.resolve().then(() => mod.run(ctx)),
      PART_TIMEOUT_MS,
      `part ${id}`,
    );
    checkResult(id, result);
    for (const c of result.charts ?? []) writeFileSync(join(CHARTS_DIR, c.file), c.svg);
    parts[id] = {
      status: 'ok',
      date,
      quick,
      seconds: Math.round((Date.now() - t0) / 1000),
      load: [+loadStart.toFixed(2), +os.loadavg()[0].toFixed(2)],
      title: result.title,
      markdown: result.markdown,
      charts: (result.charts ?? []).map((c) => c.file),
      versions: peerVersions(result),
      caveats: Array.isArray(result.caveats) ? result.caveats.map(String) : [],
      data: result.data ?? null,
    };
    log(id)(`done in ${parts[id].seconds} s`);
  } catch (error) {
    failed++;
    parts[id] = {
      status: 'failed',
      date,
      quick,
      seconds: Math.round((Date.now() - t0) / 1000),
      load: [+loadStart.toFixed(2), +os.loadavg()[0].toFixed(2)],
      title: previous[id]?.title ?? id,
      error: String(error?.stack ?? error),
    };
    log(id)(`FAILED: ${error?.message ?? error}`);
  }
}

// Parts not run this time keep their last results (the report says when they were measured).
const all = {};
for (const id of available) {
  if (parts[id]) all[id] = parts[id];
  else if (previous[id]) all[id] = { ...previous[id], carried: true };
}

writeFileSync(RESULTS, JSON.stringify({ date, quick, ...env, parts: all }, null, 2) + '\n');
writeFileSync(REPORT, report(all));
log('bench')(`wrote bench/REPORT.md and bench/results.json${failed ? `; ${failed} part(s) failed` : ''}`);
process.exit(failed ? 1 : 0);

// ---------------------------------------------------------------- the report

function report(all) {
  const ids = Object.keys(all);
  const peers = Object.assign({}, ...ids.map((id) => all[id].versions ?? {}));
  const day = date.slice(0, 10);
  const lines = [
    '# Candor benchmarks',
    '',
    `Measured ${date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} by \`npm run bench\`${env.commit ? ` at commit ${env.commit}` : ''}.` +
      (quick ? ' **Quick (smoke) run: fewer repetitions; do not quote these numbers.**' : ''),
    'Nothing here is a pass/fail test; size budgets are enforced separately by size-limit in `npm test`.',
    '',
    '| machine | |',
    '| --- | --- |',
    `| CPU | ${env.machine.cpu}, ${env.machine.cores} cores |`,
    `| RAM | ${env.machine.ramGiB} GiB |`,
    `| OS | ${env.machine.os} |`,
    '',
    '| software | version |',
    '| --- | --- |',
    ...Object.entries(env.versions).map(([k, v]) => `| ${k} | ${v} |`),
    ...Object.entries(peers).map(([k, v]) => `| ${k} (peer) | ${v} |`),
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'apt-get install -y chromium   # Debian; or set CHROMIUM_PATH',
    'npm run bench                 # build, then every part; writes bench/REPORT.md',
    'npm run bench -- --only=browser   # one part (see bench/README.md)',
    '```',
    '',
    'Peers are fetched from the npm registry at the pinned versions above. Raw numbers are in',
    '[`results.json`](results.json); how each part measures is described in its section and in',
    '[`README.md`](README.md).',
    '',
    '## Contents',
    '',
    ...ids.map(
      (id) => `- [${all[id].title}](#${anchor(all[id].title)})${all[id].status === 'failed' ? ' — **failed**' : ''}`,
    ),
    '- [What this does not show](#what-this-does-not-show)',
    '',
  ];
  for (const id of ids) {
    const p = all[id];
    lines.push(`## ${p.title}`, '');
    const when = p.date?.slice(0, 10);
    const notes = [
      p.carried && `from an earlier run (${p.date}); not re-run this time`,
      p.quick && !quick && 'quick run',
      p.seconds !== undefined && `part \`${id}\`, ${p.seconds} s`,
      p.load && `load average (1 min) ${p.load[0]} at the start, ${p.load[1]} at the end`,
    ].filter(Boolean);
    // Other work on the machine while a part ran skews its timings: say so where it happened.
    if (p.load && p.load[0] > (env.machine.cores || 1))
      notes.push(
        `**the machine was busy when this part started (load above its ${env.machine.cores} cores): timings are less reliable**`,
      );
    if (p.carried && when !== day) notes[0] = `**${notes[0]}**`;
    lines.push(`<sub>${notes.join(' · ')}</sub>`, '');
    if (p.status === 'failed') {
      lines.push('**This part failed**; its error:', '', '```', p.error.trim(), '```', '');
      continue;
    }
    let body = p.markdown.trim();
    // Charts live in bench/charts/: point bare links there, and append the ones not linked.
    for (const file of p.charts ?? []) {
      const bare = new RegExp(`\\]\\((?:\\./)?${file.replace(/\./g, '\\.')}\\)`, 'g');
      body = body.replace(bare, `](charts/${file})`);
      if (!body.includes(`charts/${file}`)) body += `\n\n![${file.replace(/\.svg$/, '')}](charts/${file})`;
    }
    lines.push(body, '');
  }
  const caveats = [
    'One machine, one run: a 2-core virtual machine, not a device lab. Medians and p95 over repeated runs smooth noise within the run, not between machines.',
    'Chromium only, headless, with `--disable-gpu` (software compositing). "Painted" means the main thread produced the frame with the change (the first task after the next `requestAnimationFrame`); raster and display on a real screen come after that and are not included.',
    "CPU throttling ×4 (CDP `Emulation.setCPUThrottlingRate`) slows the renderer's main thread only: not the network, not raster, not IndexedDB work done in the browser process. It stands in for a mid-range phone; it is not one. Safari and Firefox are not measured.",
    'Loopback network (127.0.0.1, no latency, no bandwidth limit): download time is not part of any timing here; bytes matter more on a real connection than these timings show.',
    "Peers are compared only where they can run from their npm package without the vendor's servers; elsewhere bytes only (each part says which).",
    ...ids.flatMap((id) => (all[id].status === 'ok' ? (all[id].caveats ?? []) : [])),
  ];
  lines.push('## What this does not show', '', ...caveats.map((c) => `- ${c}`), '');
  return lines.join('\n');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function anchor(title) {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}
