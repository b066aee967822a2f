// What each part of the script-tag bundle costs. Run after `npm run build`:
//   node scripts/size-report.mjs
// Minified bytes per part come from the source map of dist/candor.js; the gzip
// figure of each part is its share of the whole bundle's gzip size (gzip works
// across part boundaries, so shares are estimates; the total is exact).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minifyCss } from './cssInline.mjs';

const js = readFileSync('dist/candor.js', 'utf8');
const map = JSON.parse(readFileSync('dist/candor.js.map', 'utf8'));
const total = gzipSync(js, { level: 9 }).length;

const PARTS = [
  ['preact', /node_modules\/preact\//],
  ['idb-keyval', /node_modules\/idb-keyval\//],
  ['UI: card, steps, mount, contrast check', /src\/ui\/.*\.tsx?$|src\/lib\/contrast\.ts/],
  ['config validation', /src\/(config|configInput)\.ts|src\/lib\/(validate|closest|isAllowedUrl|isLocalHost)\.ts/],
  ['strings (English) and locale', /src\/(strings|locales\/.*)\.ts|src\/lib\/(fill|isRtl)\.ts/],
  ['comment redaction', /src\/redact\.ts/],
  ['response builder and check', /src\/(anonymise|response)\.ts|src\/lib\/(checkResponse|uuid|category)\.ts/],
  [
    'when to ask (rules, scheduler, throttle record, navigation)',
    /src\/(rules|scheduler|throttle)\.ts|src\/lib\/(onNavigate|onScreen)\.ts/,
  ],
  [
    'outbox and storage fallbacks',
    /src\/outbox(Record|Writes)?\.ts|src\/scan\.ts|src\/storage\/|src\/lib\/isQuota\.ts/,
  ],
  [
    'taking answers back (secret, receipts, withdrawals)',
    /src\/(withdrawals|receipts)\.ts|src\/lib\/(secret|retryable)\.ts/,
  ],
  [
    'flusher, transports, leader',
    /src\/(flusher|delivery|browserEnv|hub|unload)\.ts|src\/transports\/|src\/lib\/(lead|backoff|retryAfter|clock|isAcked|within|timers)\.ts/,
  ],
  ['composition (createNps, answers, script tag)', /./],
];

// Decode the VLQ mappings: bytes of generated code per source file.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const decode = (segment) => {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64.indexOf(c);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = shift = 0;
    }
  }
  return out;
};
const lines = js.split('\n');
const bytes = new Map();
let source = 0;
map.mappings.split(';').forEach((line, li) => {
  let column = 0;
  const segments = line.split(',').filter(Boolean).map(decode);
  segments.forEach((seg, i) => {
    column += seg[0];
    if (seg.length > 1) source += seg[1];
    const end = i + 1 < segments.length ? column + segments[i + 1][0] : lines[li].length;
    const file = map.sources[source];
    bytes.set(file, (bytes.get(file) ?? 0) + (end - column));
  });
});

const byPart = new Map(PARTS.map(([name]) => [name, 0]));
for (const [file, n] of bytes) {
  const [name] = PARTS.find(([, re]) => re.test(file));
  byPart.set(name, byPart.get(name) + n);
}
// The CSS is a virtual module without a source of its own in the map: it lands with the UI.
const css = ['styles', 'fields'].reduce((n, f) => n + minifyCss(readFileSync(`src/ui/${f}.css`, 'utf8')).length + 2, 0);
byPart.set('UI: card, steps, mount, contrast check', byPart.get('UI: card, steps, mount, contrast check') - css);
byPart.set('UI: styles (CSS)', css);
const minified = [...byPart.values()].reduce((a, b) => a + b, 0);
console.log(`dist/candor.js: ${(total / 1000).toFixed(2)} KB gzip (${(js.length / 1000).toFixed(1)} KB minified)\n`);
console.log('| part | minified | gzip (share) |\n| --- | --- | --- |');
for (const [name, n] of byPart) {
  console.log(`| ${name} | ${(n / 1000).toFixed(1)} KB | ${((total * n) / minified / 1000).toFixed(1)} KB |`);
}
