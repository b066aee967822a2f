// Ad-hoc: JS stacks (source-mapped) of the trace's CPU samples between two offsets (ms from candor:start).
import { readFileSync } from 'node:fs';
import { mainThread, traceSamples } from './trace.mjs';
import { frameInfo } from './srcmap.mjs';
const [file, from, to] = process.argv.slice(2);
const { traceEvents: ev } = JSON.parse(readFileSync(file, 'utf8'));
const mt = mainThread(ev);
const { samples, nodes } = traceSamples(ev, mt.pid, mt.tid);
const w0 = mt.marks['candor:start'];
const counts = new Map();
for (const s of samples) {
  const t = (s.ts - w0) / 1000;
  if (t < +from || t >= +to) continue;
  const chain = [];
  for (let n = nodes.get(s.node); n; n = nodes.get(n.parent)) chain.push(frameInfo(n.callFrame).label);
  const key = chain.slice(0, 7).join(' < ');
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
for (const [k, c] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(c, k);
