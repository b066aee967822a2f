// Self time per (source-mapped) function in the loader's and the parts' code, summed over runs, at CPU ×4.
//   PROFILE_DIR=… node bench/profile/initprof.mjs [--runs=6] [--vp=phone]
import { readFileSync, readdirSync } from 'node:fs';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { freshPage, gotoPainted, launch, startServer, sleep, DIR } from './lib.mjs';

const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;
const RUNS = Number(arg('runs', 6));
const VP = arg('vp', 'phone');
const PAGE = arg('page', 'prompt');
const maps = new Map();
const mapFor = (url) => {
  const file = url.replace(/^https?:\/\/[^/]+/, '');
  if (!maps.has(file)) {
    try {
      maps.set(file, new TraceMap(JSON.parse(readFileSync(`${DIR}${file}.map`, 'utf8'))));
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file);
};
const server = await startServer();
const browser = await launch();
const self = new Map();
const byFile = new Map();
for (let i = 0; i < RUNS; i++) {
  const { context, page, cdp } = await freshPage(browser, VP);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  if (PAGE === 'prompt') await gotoPainted(page, `${server.origin}/prompt.html`);
  else await page.goto(`${server.origin}/${PAGE}.html`, { waitUntil: 'load' }).then(() => sleep(2500));
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  profile.samples.forEach((id, k) => counts.set(id, (counts.get(id) ?? 0) + (profile.timeDeltas[k + 1] ?? 0)));
  for (const [id, us] of counts) {
    const cf = nodes.get(id).callFrame;
    if (!/candor|parts/.test(cf.url)) {
      const key = cf.url ? `(other) ${cf.functionName}` : cf.functionName || '(program)';
      self.set(key, (self.get(key) ?? 0) + us);
      continue;
    }
    const m = mapFor(cf.url);
    const file = cf.url.replace(/^.*\/dist\//, '').replace(/-[\w-]{8}\.js$/, '.js');
    let name = `${file}:${cf.functionName}`;
    if (m) {
      const o = originalPositionFor(m, { line: cf.lineNumber + 1, column: cf.columnNumber });
      name = `${file} ${o.source?.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '')}:${o.line} ${o.name ?? cf.functionName}`;
    }
    self.set(name, (self.get(name) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  await context.close();
  await sleep(300);
}
await browser.close();
await server.close();
const ms = (us) => (us / 1000 / RUNS).toFixed(2);
console.log('per run, ms of self time by file:', [...byFile].map(([f, us]) => `${f} ${ms(us)}`).join(', '));
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(arg('top', 45))))
  console.log(ms(us).padStart(7), k);
