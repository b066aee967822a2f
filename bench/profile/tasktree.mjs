// Ad-hoc: print the event tree of the tasks of a trace between two offsets (ms from candor:start).
import { readFileSync } from 'node:fs';
import { mainThread, threadEvents, tasks } from './trace.mjs';
const [file, from, to, minMs = '0.3'] = process.argv.slice(2);
const { traceEvents: ev } = JSON.parse(readFileSync(file, 'utf8'));
const mt = mainThread(ev);
const tree = threadEvents(ev, mt.pid, mt.tid);
const w0 = mt.marks['candor:start'];
const print = (e, d) => {
  if (e.dur / 1000 < +minMs) return;
  const a = e.args?.data;
  const extra = a
    ? JSON.stringify({
        url: a.url?.replace(/^https?:\/\/[^/]+/, ''),
        type: a.type,
        functionName: a.functionName,
        line: a.lineNumber,
        col: a.columnNumber,
        elementCount: a.elementCount,
      }).replace(/"(\w+)":/g, '$1:')
    : '';
  console.log(
    `${'  '.repeat(d)}${((e.ts - w0) / 1000).toFixed(1)} +${(e.dur / 1000).toFixed(2)} ${e.name} ${extra === '{}' ? '' : extra}`,
  );
  if (d < 14) for (const c of e.children) print(c, d + 1);
};
for (const t of tasks(tree)) if ((t.ts - w0) / 1000 >= +from && (t.ts - w0) / 1000 < +to) print(t, 0);
