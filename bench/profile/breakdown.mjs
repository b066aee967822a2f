// Breaks a window of the renderer main thread into activities. Every trace event's self time in
// the window is split across the CPU samples (V8 sampler, same trace) that fall in it; each
// sample is classified by the event it falls in (native work: style, layout, compile, …) and its
// source-mapped JS stack (which Candor function, and inside showPopover/replaceSync or not).
import { deepestAt, mainThread, overlap, selfIn, tasks, threadEvents, traceSamples } from './trace.mjs';
import { frameInfo } from './srcmap.mjs';

const JS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'TimerFire',
  'v8.execute',
  'V8.Execute',
  'v8.callFunction',
  'v8.run',
  'v8.evaluateModule',
  'EventDispatch',
  'RunMicrotasks',
  'V8.RunMicrotasks',
  'FireAnimationFrame',
  'HandlePostMessage',
  'v8.callModuleMethod',
  'FireIdleCallback',
  'XHRReadyStateChange',
  'v8.newInstance',
  'AsyncTask Run',
  'PendingScript::ExecuteScriptBlock',
  'BlinkScheduler_PerformMicrotaskCheckpoint',
]);

/** Native activity of an event name (null: a JS-running event). */
export function nativeBucket(ev) {
  const n = ev.name;
  if (JS.has(n)) return null;
  if (/^(ThreadControllerImpl::RunTask|RunTask|ThreadPool_RunTask)$/.test(n)) return 'task overhead/unattributed';
  if (
    /ParseHTML|HTMLDocumentParser|HTMLParserScriptRunner|HTMLPreloadScanner|Document::FinishedParsing|Document::SetReadyState/.test(
      n,
    )
  )
    return 'HTML parse';
  if (/ParseAuthorStyleSheet|CSSParser|ParseStyleSheet/i.test(n)) return 'CSS parse';
  if (/GC|Scavenge|MarkCompact|Sweep|Heap/i.test(n) && /v8|gc/i.test(ev.cat ?? '')) return 'GC';
  if (
    /compile|parse|Deserialize|CodeCache|produceCache|consumeCache|Lazy|Ignition|Baseline|FlushInstructionCache|BytecodeBudget|Optimiz|Turbofan|Maglev/i.test(
      n,
    )
  )
    return 'JS compile (main thread)';
  if (/Font/i.test(n)) return 'fonts';
  if (/ShapeText|Shape/i.test(n)) return 'layout';
  if (
    /UpdateLayoutTree|RecalculateStyles|recalcStyle|updateStyle|StyleRecalc|StyleInvalidat|ScheduleStyle|UpdateStyle|rebuildLayoutTree|updateActiveStyle|StyleEngine|RuleSet|Blink\.Style/i.test(
      n,
    )
  )
    return 'style recalc';
  if (/^Layout$|layout|LayoutShift|PerformLayout|Blink\.Layout/i.test(n)) return 'layout';
  if (/Paint|Layerize|UpdateLayer|CompositeLayers|Commit|Raster|PrePaint|Composit|DisplayItem|CullRect/i.test(n))
    return 'paint/commit';
  if (
    /Animation|BeginFrame|BeginMainThreadFrame|UpdateLifecycle|RunStyleAndLayoutLifecyclePhases|Intersection|Accessibility|RootScroller|Frame/i.test(
      n,
    )
  )
    return 'frame lifecycle (other)';
  if (
    /Resource|Loader|Navigation|Network|Request|Response|URLLoader|ResourceFetcher|DocumentLoader|Body/i.test(n) ||
    /loading/.test(ev.cat ?? '')
  )
    return 'network/loading';
  if (/HitTest|Input|EventHandler/i.test(n)) return 'input/hit test';
  return 'other native';
}

/** Context of an event: the script it runs in (from its ancestors). */
function contextOf(ev) {
  for (let e = ev; e; e = e.parent) {
    const url = e.args?.data?.url ?? '';
    if (e.name === 'EvaluateScript' || e.name === 'v8.compile') {
      if (/candor\.js$/.test(url)) return 'eval';
      if (url) return 'inline';
    }
    if (e.name === 'FunctionCall' && /candor\.js$/.test(url)) return 'callback';
    if (e.name === 'FunctionCall' && url) return 'page-callback';
  }
  return 'none';
}

/**
 * Category of one slice of time: `bucket` = the native bucket of the deepest event (null = JS),
 * `stack` = frameInfo[] from leaf to root (may be empty), `ctx` = contextOf(event), `phase` = which
 * Candor step the task belongs to ('host' for page work before Candor's render task).
 */
export function categorize(bucket, stack, ctx, phase, inlineIsInit) {
  const has = (re) => stack.some((f) => re.test(f.label));
  if (has(/^float \(/)) return 'popover/top layer (showPopover → forced style recalc)';
  if (has(/^adoptStyles \(/) || (bucket === 'CSS parse' && phase === 'render'))
    return 'adoptedStyleSheets: CSS parse (replaceSync)';
  if (bucket === 'JS compile (main thread)') {
    if (ctx === 'inline' && !inlineIsInit) return 'page inline scripts (not Candor)';
    return 'script compile/parse (lazy, main thread)';
  }
  if (bucket) {
    if (
      phase === 'host' &&
      [
        'style recalc',
        'layout',
        'paint/commit',
        'frame lifecycle (other)',
        'HTML parse',
        'network/loading',
        'CSS parse',
        'other native',
        'task overhead/unattributed',
        'GC',
        'input/hit test',
        'fonts',
      ].includes(bucket)
    )
      return `host page (not Candor): ${bucket}`;
    if (bucket === 'HTML parse')
      return phase === 'render'
        ? 'other native (DOMContentLoaded/readyState bookkeeping)'
        : 'host page (not Candor): HTML parse';
    return bucket;
  }
  // JS.
  const leaf = stack[0];
  if (!leaf) return ctx === 'inline' && !inlineIsInit ? 'page inline scripts (not Candor)' : 'JS (unsampled)';
  if (leaf.label === '(garbage collector)') return 'GC';
  const program = leaf.label === '(program)' || leaf.label === '(idle)' || leaf.label === '(root)';
  if (program) {
    if (ctx === 'eval') return 'candor.js top-level evaluation';
    if (ctx === 'inline')
      return inlineIsInit
        ? 'Candor.init() (config, core, scheduler, storage probes)'
        : 'page inline scripts (not Candor)';
    if (ctx === 'callback' && phase === 'render')
      return 'other Candor JS in the render task (rules, texts, mount set-up)';
    if (ctx === 'callback') return `other Candor JS (${phase})`;
    return 'page/probe scripts (not Candor)';
  }
  const candorJs = stack.some((f) => f.source && /^(src|widget|preact|idb-keyval|dist)\//.test(f.source));
  if (!candorJs)
    return ctx === 'inline' && inlineIsInit
      ? 'Candor.init() (config, core, scheduler, storage probes)'
      : 'page/probe scripts (not Candor)';
  if (ctx === 'eval') return 'candor.js top-level evaluation';
  if (ctx === 'inline' && inlineIsInit) return 'Candor.init() (config, core, scheduler, storage probes)';
  if (stack.some((f) => f.group === 'preact' || f.group === 'src/ui (card)'))
    return 'preact render of the card (diff + components)';
  if (phase === 'render') return 'other Candor JS in the render task (rules, texts, mount set-up)';
  return `other Candor JS (${phase})`;
}

/**
 * @returns {{ total, cats: {name: ms}, tasks, fns: {label: ms} }} for the window [w0, w1] (µs).
 * `renderTask` (the task holding `shown`) separates host-page work (tasks before it) from Candor's.
 */
export function breakdown(events, w0, w1, mt = mainThread(events), opts = {}) {
  const { pid, tid, marks } = mt;
  const tree = opts.tree ?? threadEvents(events, pid, tid);
  const { samples, nodes } = opts.samples ?? traceSamples(events, pid, tid);
  const stackCache = new Map();
  const stackOf = (id) => {
    if (stackCache.has(id)) return stackCache.get(id);
    const chain = [];
    for (let n = nodes.get(id); n; n = nodes.get(n.parent)) chain.push(frameInfo(n.callFrame));
    stackCache.set(id, chain);
    return chain;
  };
  const shown = marks['candor:shown'];
  const roots = tasks(tree);
  const renderTask = shown ? roots.find((t) => t.ts <= shown && shown < t.end) : undefined;
  const renderStart = opts.renderStart ?? renderTask?.ts ?? Infinity;
  const initLoaded = marks['candor:loaded'];
  const initDone = marks['candor:init'];
  const taskOf = (ev) => {
    let e = ev;
    while (e.parent) e = e.parent;
    return e;
  };
  const phaseOf = (ev) => {
    const t = taskOf(ev);
    if (renderTask && t === renderTask) return 'render';
    if (t.ts < renderStart) return t.end <= renderStart && !opts.noHost ? 'pre' : 'pre';
    return 'after';
  };
  // Per-event samples.
  const perEvent = new Map();
  for (const s of samples) {
    if (s.ts < w0 || s.ts >= w1) continue;
    const ev = deepestAt(tree.roots, s.ts);
    if (!ev) continue;
    let list = perEvent.get(ev);
    if (!list) perEvent.set(ev, (list = []));
    list.push(s);
  }
  const cats = {};
  const fns = {};
  const add = (o, k, v) => (o[k] = (o[k] ?? 0) + v);
  for (const ev of tree.all) {
    if (ev.end <= w0 || ev.ts >= w1) continue;
    const self = selfIn(ev, w0, w1);
    if (!self) continue;
    const bucket = nativeBucket(ev);
    const ctx = contextOf(ev);
    let inlineIsInit = false;
    for (let e = ev; e; e = e.parent)
      if (e.name === 'EvaluateScript' || e.name === 'v8.compile') {
        const es = e.name === 'v8.compile' && e.parent?.name === 'EvaluateScript' ? e.parent : e;
        inlineIsInit = es.ts <= initDone && es.end >= initLoaded && !/candor\.js$/.test(es.args?.data?.url ?? '');
        break;
      }
    let phase = phaseOf(ev);
    // Host page rendering: lifecycle work in tasks before Candor's render task, when no card exists.
    const hostish =
      phase === 'pre' &&
      bucket &&
      !['JS compile (main thread)', 'GC'].includes(bucket) &&
      ctx !== 'eval' &&
      !(ctx === 'inline' && inlineIsInit) &&
      ctx !== 'callback';
    if (hostish) phase = 'host';
    const list = perEvent.get(ev) ?? [];
    if (!list.length) {
      add(cats, categorize(bucket, [], ctx, phase, inlineIsInit), self);
      continue;
    }
    const share = self / list.length;
    for (const s of list) {
      const stack = stackOf(s.node);
      const cat = categorize(bucket, stack, ctx, phase, inlineIsInit);
      add(cats, cat, share);
      if (!bucket && stack[0] && !stack[0].label.startsWith('(')) add(fns, stack[0].label, share);
    }
  }
  const ms = (o) =>
    Object.fromEntries(
      Object.entries(o)
        .map(([k, v]) => [k, v / 1000])
        .sort((a, b) => b[1] - a[1]),
    );
  const taskList = roots
    .filter((t) => t.end > w0 && t.ts < w1 && t.dur > 300)
    .map((t) => ({
      at: +((t.ts - w0) / 1000).toFixed(1),
      ms: +(t.dur / 1000).toFixed(1),
      what: describe(t),
      render: t === renderTask,
    }));
  return { total: (w1 - w0) / 1000, cats: ms(cats), fns: ms(fns), tasks: taskList, renderTask, tree };
}

/** A short description of a task: the script work and lifecycle phases in it. */
export function describe(task) {
  const parts = [];
  const walk = (e, depth) => {
    for (const c of e.children) {
      const url = (c.args?.data?.url ?? '').replace(/^https?:\/\/[^/]+/, '');
      let tag = null;
      if (c.name === 'EvaluateScript')
        tag = `script ${url}${c.args?.data?.lineNumber > 1 ? '#' + c.args.data.lineNumber : ''}`;
      else if (c.name === 'FunctionCall') tag = `call ${url.split('/').pop()}:${c.args?.data?.functionName || '?'}`;
      else if (c.name === 'TimerFire') tag = 'timer';
      else if (c.name === 'EventDispatch') tag = `event ${c.args?.data?.type}`;
      else if (c.name === 'FireAnimationFrame') tag = 'rAF';
      else if (c.name === 'HandlePostMessage') tag = 'postMessage';
      else if (c.name === 'UpdateLayoutTree') tag = 'style';
      else if (c.name === 'Layout') tag = 'layout';
      else if (c.name === 'Paint') tag = 'paint';
      else if (c.name === 'Commit') tag = 'commit';
      else if (c.name === 'ParseHTML' && depth < 4) tag = 'parse HTML';
      else if (c.name === 'CSSParserImpl::parseStyleSheet') tag = 'CSS parse';
      else if (c.name === 'RunMicrotasks') tag = 'microtasks';
      if (tag && c.dur >= 500) parts.push(`${tag} ${(c.dur / 1000).toFixed(1)}`);
      if (depth < 14 && !['Layout', 'Paint', 'UpdateLayoutTree'].includes(c.name)) walk(c, depth + 1);
    }
  };
  walk(task, 0);
  return parts.slice(0, 10).join(', ');
}

/** Time in [w0, w1] spent inside events matching `pred` (outermost only), in ms. */
export function timeIn(tree, w0, w1, pred) {
  let t = 0;
  const walk = (list) => {
    for (const e of list) {
      if (e.end <= w0 || e.ts >= w1) continue;
      if (pred(e)) t += overlap(e.ts, e.end, w0, w1);
      else walk(e.children);
    }
  };
  walk(tree.roots);
  return t / 1000;
}
