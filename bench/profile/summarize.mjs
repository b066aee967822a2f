// Groups the traced breakdown (out/profile.json) into the report's rows; ms = median over the traced runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { DIR } from './lib.mjs';
const o = JSON.parse(readFileSync(`${DIR}/out/profile.json`, 'utf8'));
const ROWS = [
  ['script compile/parse (main thread, lazy)', (k) => k.startsWith('script compile')],
  ['candor.js top-level evaluation', (k) => k === 'candor.js top-level evaluation'],
  ['Candor.init() JS (config check, core, scheduler, storage probes)', (k) => k.startsWith('Candor.init()')],
  ['preact render of the card (diff + components)', (k) => k.startsWith('preact render')],
  ['other Candor JS (rules timer, texts/Intl, mount set-up, callbacks)', (k) => k.startsWith('other Candor JS')],
  ['popover/top layer (showPopover → forced style recalc)', (k) => k.startsWith('popover')],
  ['adoptedStyleSheets: CSS parse (replaceSync)', (k) => k.startsWith('adoptedStyleSheets')],
  ['style recalc (card, outside showPopover)', (k) => k === 'style recalc'],
  ['layout (card; incl. text shaping)', (k) => k === 'layout'],
  ['paint / commit / frame lifecycle', (k) => k === 'paint/commit' || k === 'frame lifecycle (other)'],
  ['font loading', (k) => k === 'fonts'],
  [
    'DOMContentLoaded/readyState bookkeeping, other native',
    (k) => k.startsWith('other native') || k === 'network/loading' || k === 'input/hit test',
  ],
  ['GC', (k) => k === 'GC'],
  ['task overhead / unattributed', (k) => k === 'task overhead/unattributed' || k === 'JS (unsampled)'],
  ['host page, not Candor (its first frame, HTML parse)', (k) => k.startsWith('host page')],
  ['page/probe inline scripts, not Candor', (k) => k.startsWith('page')],
];
const out = {};
for (const vp of ['phone', 'desktop']) {
  const t = o.traces[vp];
  const med = t.medianCats;
  const share = t.medianShare;
  const used = new Set();
  const rows = ROWS.map(([name, f]) => {
    const keys = Object.keys(med).filter((k) => f(k));
    keys.forEach((k) => used.add(k));
    return { name, ms: keys.reduce((a, k) => a + med[k], 0), share: keys.reduce((a, k) => a + share[k], 0) };
  });
  const rest = Object.keys(med).filter((k) => !used.has(k));
  out[vp] = { totals: t.totals, medianTotal: [...t.totals].sort((a, b) => a - b)[2], rows, rest };
}
writeFileSync(`${DIR}/out/summary-breakdown.json`, JSON.stringify(out, null, 1));
for (const vp of ['phone', 'desktop']) {
  console.log(vp, 'traced totals', out[vp].totals.join(', '), 'unassigned:', out[vp].rest.join(', ') || '—');
  for (const r of out[vp].rows)
    console.log(r.ms.toFixed(1).padStart(7), (100 * r.share).toFixed(1).padStart(5) + '%', r.name);
  console.log(
    '  sum of medians',
    out[vp].rows.reduce((a, r) => a + r.ms, 0).toFixed(1),
    'sum of shares',
    (100 * out[vp].rows.reduce((a, r) => a + r.share, 0)).toFixed(1),
  );
}
