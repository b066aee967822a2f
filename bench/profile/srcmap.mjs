// Maps positions in dist/candor.js to original sources and function names (dist/candor.js.map).
import { readFileSync } from 'node:fs';
import { TraceMap, eachMapping, originalPositionFor } from '@jridgewell/trace-mapping';
import { DIR } from './lib.mjs';

const raw = JSON.parse(readFileSync(`${DIR}/dist/candor.js.map`, 'utf8'));
const map = new TraceMap(raw);
const contents = new Map(raw.sources.map((s, i) => [s, raw.sourcesContent?.[i] ?? '']));
const cache = new Map();

/** Short source path: node_modules/<pkg>/… or src/… */
export function shortSource(s) {
  if (!s) return '?';
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) return s.slice(nm + 'node_modules/'.length);
  return s.replace(/^(\.\.\/)+/, '');
}

/** The group a source belongs to, for the breakdown. */
export function groupOf(source) {
  const s = shortSource(source);
  if (s.startsWith('preact/hooks')) return 'preact (hooks)';
  if (s.startsWith('preact')) return 'preact';
  if (s.startsWith('zod')) return 'zod';
  if (s.startsWith('idb-keyval')) return 'idb-keyval';
  if (s.startsWith('src/ui/')) return 'src/ui (card)';
  if (s.startsWith('src/locales/')) return 'src/locales';
  if (s.startsWith('widget/')) return 'widget (script-tag entry)';
  return s.replace(/\/[^/]*$/, '/') === 'src/' ? 'src (core)' : s.split('/').slice(0, 2).join('/');
}

// preact's own map (preact.module.js is minified inside candor.js's map): names from preact's sources.
const preactRaw = JSON.parse(
  readFileSync(new URL('../../node_modules/preact/dist/preact.module.js.map', import.meta.url), 'utf8'),
);
const preactMap = new TraceMap(preactRaw);
const preactContents = new Map(preactRaw.sources.map((s, i) => [s, preactRaw.sourcesContent?.[i] ?? '']));

const KEYWORDS =
  /^(override|if|for|while|switch|catch|return|function|typeof|new|await|async|of|in|else|do|try|void|export|const|let|var|default|static|get|set)$/;
/** The name of a function whose parameter list or body starts at `column` of `text` (a source line). */
function nameAt(lines, line, column) {
  const text = lines[line - 1] ?? '';
  const before = text.slice(0, column);
  const at = text.slice(column).trimStart();
  let m;
  // `function name(`, `name(` (method), `name = (` / `name: (` / `name = async (` (arrow or function expression).
  if ((m = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([\w$]+)/.exec(at))) return m[1];
  if ((m = /^(?:export\s+)?(?:const|let|var)?\s*([\w$]+)\s*=\s*(?:async\s*)?(?:\(|function|[\w$]+\s*=>)/.exec(at)))
    return m[1];
  if (
    (m = /^(?:(?:override|static|async|get|set)\s+)*([\w$]+)\s*(?:<[^>]*>)?\s*\([^)]*\)\s*(?::[^{]*)?\{/.exec(at)) &&
    !KEYWORDS.test(m[1])
  )
    return m[1];
  if ((m = /function\s*\*?\s*([\w$]+)\s*(?:<[^>]*>)?\s*$/.exec(before))) return m[1];
  if (
    (m = /(?:^|[\s{,;])(?:(?:get|set|static|override|async)\s+)*([\w$]+)\s*(?:<[^>]*>)?\s*$/.exec(before)) &&
    !KEYWORDS.test(m[1])
  )
    return m[1];
  if ((m = /([\w$.\[\]'"]+)\s*[:=]\s*(?:async\s*)?(?:function\s*)?$/.exec(before))) return m[1];
  if ((m = /([\w$.]+)\s*\((?:[^()]*,)?\s*(?:async\s*)?$/.exec(before))) return `(callback of ${m[1]})`;
  if ((m = /([\w$.]+)\s*[:=]\s*(?:async\s*)?$/.exec(before.replace(/\(\s*$/, '')))) return m[1];
  // Look one line up (arguments on their own line).
  const prev = (lines[line - 2] ?? '').trimEnd();
  if ((m = /([\w$.]+)\s*\($/.exec(prev))) return `(callback of ${m[1]})`;
  if ((m = /([\w$]+)\s*[:=]\s*$/.exec(prev))) return m[1];
  return undefined;
}

// Functions terser inlined into their only caller map to the call site: name them.
const ALIAS = {
  'src/createNps.ts:22': 'createCore (inlined)',
  'src/createNps.ts:65': 'mount (inlined)',
};

/** { source, line, name, group } for a 0-based line/column of candor.js. */
export function lookup(line, column) {
  const key = `${line}:${column}`;
  if (cache.has(key)) return cache.get(key);
  const op = originalPositionFor(map, { line: line + 1, column });
  let r;
  if (!op.source) {
    r = {
      source: 'dist/candor.js',
      line: 0,
      name: line === 0 && column < 40 ? 'IIFE body (bundle top level)' : `(unmapped ${line}:${column})`,
      group: line === 0 && column < 40 ? 'candor.js top level' : '?',
    };
  } else if (op.source.includes('preact/dist/preact.module.js')) {
    const po = originalPositionFor(preactMap, { line: op.line, column: op.column });
    const lines = (preactContents.get(po.source) ?? '').split('\n');
    const name = po.name ?? (po.line ? nameAt(lines, po.line, po.column) : undefined);
    r = {
      source: `preact/${(po.source ?? '?').replace(/^(\.\.\/)+/, '')}`,
      line: po.line,
      name: name ?? '(anonymous)',
      group: 'preact',
    };
  } else {
    const lines = (contents.get(op.source) ?? '').split('\n');
    let name = nameAt(lines, op.line, op.column) ?? op.name;
    name = ALIAS[`${shortSource(op.source)}:${op.line}`] ?? name;
    r = { source: shortSource(op.source), line: op.line, name: name ?? '(anonymous)', group: groupOf(op.source) };
  }
  cache.set(key, r);
  return r;
}

/** A CPU-profile callFrame → a readable label and group. */
export function frameInfo(cf) {
  if (cf.url && cf.url.endsWith('/dist/candor.js')) {
    if (cf.functionName === '' && cf.lineNumber === 0 && cf.columnNumber === 0)
      return { label: 'candor.js (top level)', group: 'candor.js top level', min: '(top)', source: 'dist/candor.js' };
    const o = lookup(cf.lineNumber, cf.columnNumber);
    return {
      label: `${o.name} (${o.source}:${o.line})`,
      group: o.group,
      min: cf.functionName || '(anon)',
      source: o.source,
    };
  }
  if (!cf.url)
    return {
      label: cf.functionName || '(native)',
      group: cf.functionName?.startsWith('(') ? cf.functionName : 'native/builtin',
      min: cf.functionName,
    };
  return {
    label: `${cf.functionName || '(anonymous)'} (${cf.url.replace(/^https?:\/\/[^/]+/, '')})`,
    group: 'page scripts',
    min: cf.functionName,
  };
}

/** The minified code of dist/candor.js that the source map attributes to each source (short path → text). */
export function codeBySource() {
  const lines = readFileSync(`${DIR}/dist/candor.js`, 'utf8').split('\n');
  const segs = [];
  eachMapping(map, (m) => segs.push(m));
  segs.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  const text = new Map();
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const n = segs[i + 1];
    const line = lines[s.generatedLine - 1];
    const end = n && n.generatedLine === s.generatedLine ? n.generatedColumn : line.length;
    const src = s.source ? shortSource(s.source) : '(unmapped)';
    text.set(src, (text.get(src) ?? '') + line.slice(s.generatedColumn, end));
  }
  return text;
}
