// Estimates the gzip size of candidate "loader" subsets of dist/candor.js: the minified code the
// source map attributes to each chosen source, concatenated, gzip -9 (no module glue: ± 0.3 KB).
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { codeBySource } from './srcmap.mjs';
import { DIR } from './lib.mjs';
const code = readFileSync(`${DIR}/dist/candor.js`, 'utf8');
const text = codeBySource();
const gz = (srcs) => gzipSync(srcs.map((s) => text.get(s) ?? '').join(''), { level: 9 }).length;
const raw = (srcs) => srcs.reduce((a, s) => a + (text.get(s)?.length ?? 0), 0);
const missing = (srcs) => srcs.filter((s) => !text.has(s));
const DECIDE = [
  'widget/candor.ts',
  'widget/fromAttributes.ts',
  'src/version.ts',
  'src/errors.ts',
  'src/config.ts',
  'src/lib/validate.ts',
  'src/lib/closest.ts',
  'src/lib/isAllowedUrl.ts',
  'src/lib/isLocalHost.ts',
  'src/lib/plural.ts',
  'src/rules.ts',
  'src/scheduler.ts',
  'src/throttle.ts',
  'src/lib/onNavigate.ts',
  'src/lib/timers.ts',
  'src/survey.ts',
  'src/lib/emitter.ts',
  'src/lib/onDomReady.ts',
  'src/lib/warn.ts',
];
const EN = ['src/locales/en.ts'];
const PENDING_HINT = ['src/storage/keys.ts', 'src/lib/clock.ts'];
const CARD = [
  'preact/dist/preact.module.js',
  'src/ui/mount.ts',
  'src/ui/Card.tsx',
  'src/ui/Consent.tsx',
  'src/ui/Score.tsx',
  'src/ui/FollowUp.tsx',
  'src/ui/Thanks.tsx',
  'src/ui/Contact.tsx',
  'src/ui/float.ts',
  'src/ui/presence.ts',
  'src/ui/trapTab.ts',
  'src/ui/cardProps.ts',
  'src/lib/onScreen.ts',
  'src/lib/category.ts',
  'src/strings.ts',
  'src/lib/fill.ts',
  'src/lib/isRtl.ts',
  'src/createNps.ts',
];
const all = [...text.keys()].filter((s) => s !== '(unmapped)');
const STORE = all.filter((s) => ![...DECIDE, ...EN, ...PENDING_HINT, ...CARD].includes(s));
const sets = {
  'decide-only loader (entry, config check, rules, scheduler, throttle, core shell)': DECIDE,
  '… + en strings table (config key check uses it today)': [...DECIDE, ...EN],
  'card chunk (preact, ui, styles, texts, createNps render)': CARD,
  'store/deliver chunk (answers, outbox, flusher, transports, storage, redact, receipts …)': STORE,
  'whole bundle (all mapped code)': all,
};
const out = {};
for (const [k, v] of Object.entries(sets)) out[k] = { raw: raw(v), gzip: gz(v), missing: missing(v) };
out.fileGzip = gzipSync(code, { level: 9 }).length;
writeFileSync(`${DIR}/out/loader-size.json`, JSON.stringify({ sets: out, store: STORE }, null, 1));
console.log(out);
console.log('store sources:', STORE.join(' '));
