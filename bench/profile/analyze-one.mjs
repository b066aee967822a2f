// Ad-hoc: breakdown of a saved trace (prompt window).
import { readFileSync } from 'node:fs';
import { breakdown } from './breakdown.mjs';
import { mainThread } from './trace.mjs';
const { traceEvents: ev } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const mt = mainThread(ev);
const b = breakdown(ev, mt.marks['candor:start'], mt.marks['candor:painted'], mt);
console.log(
  'total',
  b.total.toFixed(1),
  'sum cats',
  Object.values(b.cats)
    .reduce((a, x) => a + x, 0)
    .toFixed(1),
);
for (const [k, v] of Object.entries(b.cats))
  console.log(v.toFixed(1).padStart(7), ((100 * v) / b.total).toFixed(1).padStart(5) + '%', k);
console.log(b.tasks);
console.log(
  Object.entries(b.fns)
    .slice(0, 15)
    .map(([k, v]) => `${v.toFixed(1)} ${k}`)
    .join('\n'),
);
