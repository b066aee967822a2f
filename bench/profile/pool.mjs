// Pools the untraced time-to-prompt runs of every batch (timing, timing-prompt, exp baseline).
import { readFileSync, writeFileSync } from 'node:fs';
import { median, p95 } from './lib.mjs';
import { DIR } from './lib.mjs';
const j = (f) => JSON.parse(readFileSync(`${DIR}/out/${f}.json`, 'utf8'));
const a = j('timing'),
  b = j('timing-prompt'),
  e = j('exp');
const out = {};
for (const vp of ['phone', 'desktop']) {
  const t1 = a.results[vp].map((r) => r.prompt.total),
    t2 = b.results[vp].map((r) => r.prompt.total),
    t3 = e.untraced[vp].prompt.map((r) => r.total);
  const all = [...t1, ...t2, ...t3];
  const rs = [...a.results[vp], ...b.results[vp]];
  const lt = rs.map((r) => Math.max(0, ...r.prompt.longtasks.map((x) => x.ms)));
  const renderMs = [],
    otherMs = [];
  for (const r of rs)
    for (const x of r.prompt.longtasks)
      (x.at <= r.prompt.shown && x.at + x.ms >= r.prompt.shown - 1 ? renderMs : otherMs).push(x.ms);
  const ph = (f) => +median(rs.map(f)).toFixed(1);
  out[vp] = {
    batchMedians: [median(t1), median(t2), median(t3)],
    pooled: {
      n: all.length,
      median: +median(all).toFixed(1),
      p95: p95(all),
      min: Math.min(...all),
      max: Math.max(...all),
    },
    longestLT: { median: median(lt), p95: p95(lt), runsWith: `${lt.filter((x) => x > 0).length}/${lt.length}` },
    renderLT: { n: renderMs.length, median: median(renderMs), max: Math.max(...renderMs) },
    otherLT: { n: otherMs.length, median: median(otherMs), max: Math.max(...otherMs) },
    phases: {
      loaded: ph((r) => r.prompt.loaded),
      init: ph((r) => r.prompt.init - r.prompt.loaded),
      initToShown: ph((r) => r.prompt.shown - r.prompt.init),
      shownToPainted: ph((r) => r.prompt.total - r.prompt.shown),
      fromNav: ph((r) => r.prompt.fromNav),
    },
  };
}
writeFileSync(`${DIR}/out/pooled.json`, JSON.stringify(out, null, 1));
console.log(JSON.stringify(out, null, 1));
