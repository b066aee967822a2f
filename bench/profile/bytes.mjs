// Bytes of dist/candor.js per original source (from the source map): which parts a loader could leave out.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { codeBySource, groupOf } from './srcmap.mjs';
import { DIR } from './lib.mjs';
const code = readFileSync(`${DIR}/dist/candor.js`, 'utf8');
const text = codeBySource();
const bySource = new Map([...text].map(([src, t]) => [src, t.length]));
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
