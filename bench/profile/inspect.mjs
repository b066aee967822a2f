// Ad-hoc: list compile-ish events in the representative trace with their ancestors.
import { readFileSync } from 'node:fs';
import { mainThread, threadEvents } from './trace.mjs';
import { DIR } from './lib.mjs';
const file = process.argv[2] ?? `${DIR}/out/trace-phone.json`;
const pattern = new RegExp(process.argv[3] ?? 'compile|parse|Compile|Parse', 'i');
const { traceEvents: ev } = JSON.parse(readFileSync(file, 'utf8'));
const mt = mainThread(ev);
const tree = threadEvents(ev, mt.pid, mt.tid);
const w0 = mt.marks['candor:start'];
console.log('marks', Object.fromEntries(Object.entries(mt.marks).map(([k, v]) => [k, ((v - w0) / 1000).toFixed(1)])));
const rows = tree.all.filter((e) => pattern.test(e.name) && e.dur > 200 && e.ts >= w0 - 50000);
for (const e of rows.slice(0, 60)) {
  const chain = [];
  for (let p = e.parent; p; p = p.parent) chain.push(p.name);
  console.log(
    ((e.ts - w0) / 1000).toFixed(1),
    (e.dur / 1000).toFixed(2),
    e.name,
    JSON.stringify(e.args?.data ?? e.args ?? {}).slice(0, 140),
    '<',
    chain.slice(0, 6).join(' < '),
  );
}
