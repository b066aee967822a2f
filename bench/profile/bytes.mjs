// Bytes of dist/candor.js per original source (from the source map): which parts a loader could leave out.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { shortSource, groupOf } from './srcmap.mjs';
import { DIR } from './lib.mjs';
const code = readFileSync(`${DIR}/dist/candor.js`, 'utf8');
const map = new TraceMap(JSON.parse(readFileSync(`${DIR}/dist/candor.js.map`, 'utf8')));
const lines = code.split('\n');
const segs = [];
eachMapping(map, (m) => segs.push(m));
segs.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
const bySource = new Map();
const text = new Map();
for (let i = 0; i < segs.length; i++) {
  const s = segs[i],
    n = segs[i + 1];
  const line = lines[s.generatedLine - 1];
  const end = n && n.generatedLine === s.generatedLine ? n.generatedColumn : line.length;
  const src = s.source ? shortSource(s.source) : '(unmapped)';
  bySource.set(src, (bySource.get(src) ?? 0) + (end - s.generatedColumn));
  text.set(src, (text.get(src) ?? '') + line.slice(s.generatedColumn, end));
}
const total = code.length,
  gz = gzipSync(code, { level: 9 }).length;
const rows = [...bySource]
  .sort((a, b) => b[1] - a[1])
  .map(([s, b]) => ({
    source: s,
    group: s === '(unmapped)' ? '-' : groupOf('../' + s.replace(/^(preact|idb-keyval)/, 'node_modules/$1')),
    bytes: b,
    gzipAlone: gzipSync(text.get(s), { level: 9 }).length,
  }));
const groups = {};
for (const r of rows) {
  groups[r.group] ??= { bytes: 0, gzipAlone: 0 };
  groups[r.group].bytes += r.bytes;
  groups[r.group].gzipAlone += r.gzipAlone;
}
writeFileSync(`${DIR}/out/bytes.json`, JSON.stringify({ total, gzip: gz, groups, rows }, null, 1));
console.log({ total, gzip: gz });
console.table(
  Object.entries(groups)
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([g, v]) => ({ group: g, ...v })),
);
console.table(rows.slice(0, 40));
