// Trace helpers: the renderer main thread that ran the page, its marks, its tasks, nested events.

/** The pid/tid of CrRendererMain in the process that recorded `mark`, plus its marks (µs, trace clock). */
export function mainThread(events, mark = 'candor:start') {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const m = events.find((e) => e.name === mark && (e.cat ?? '').includes('blink.user_timing'));
  if (!m) throw new Error(`no ${mark} mark in the trace`);
  let { pid, tid } = m;
  if (names.get(`${pid}:${tid}`) !== 'CrRendererMain') {
    const t = [...names].find(([k, v]) => k.startsWith(`${pid}:`) && v === 'CrRendererMain');
    if (t) tid = +t[0].split(':')[1];
  }
  const marks = {};
  for (const e of events)
    if (
      e.pid === pid &&
      (e.cat ?? '').includes('blink.user_timing') &&
      (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b' || e.ph === 'X')
    )
      if (!(e.name in marks)) marks[e.name] = e.ts;
  return { pid, tid, marks };
}

/** Complete events (X, or B/E pairs) of one thread as { name, ts, dur, end, args, cat, children }. */
export function threadEvents(events, pid, tid) {
  const out = [];
  const stack = [];
  const sorted = events.filter((e) => e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts);
  for (const e of sorted) {
    if (e.ph === 'X' && e.dur !== undefined)
      out.push({ name: e.name, cat: e.cat, ts: e.ts, dur: e.dur, end: e.ts + e.dur, args: e.args });
    else if (e.ph === 'B') stack.push(e);
    else if (e.ph === 'E') {
      // Match the innermost open B with the same name (or the innermost if E has no name).
      let i = stack.length - 1;
      while (i >= 0 && e.name && stack[i].name !== e.name) i--;
      if (i < 0) continue;
      const b = stack.splice(i, 1)[0];
      out.push({ name: b.name, cat: b.cat, ts: b.ts, dur: e.ts - b.ts, end: e.ts, args: { ...b.args, ...e.args } });
    }
  }
  // Nest: sort by start, longer first; a stack of open parents.
  out.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const roots = [];
  const open = [];
  for (const ev of out) {
    ev.children = [];
    while (open.length && open.at(-1).end <= ev.ts) open.pop();
    // Tolerate 1 µs rounding overlaps.
    while (open.length && ev.end > open.at(-1).end + 1) open.pop();
    if (open.length) {
      ev.parent = open.at(-1);
      open.at(-1).children.push(ev);
    } else roots.push(ev);
    open.push(ev);
  }
  return { all: out, roots };
}

/** Top-level tasks of the thread (RunTask-like roots). */
export const TASK_NAMES = new Set([
  'ThreadControllerImpl::RunTask',
  'RunTask',
  'ThreadPool_RunTask',
  'MessageLoop::RunTask',
]);
export function tasks(tree) {
  return tree.roots.filter((e) => TASK_NAMES.has(e.name));
}

/** Overlap of [a0, a1] and [b0, b1]. */
export const overlap = (a0, a1, b0, b1) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** Self time of an event clipped to [w0, w1]: its span minus its children's spans (µs). */
export function selfIn(ev, w0, w1) {
  let t = overlap(ev.ts, ev.end, w0, w1);
  for (const c of ev.children) t -= overlap(c.ts, c.end, w0, w1);
  return Math.max(0, t);
}

/** The deepest event covering time t among `roots` (descending). */
export function deepestAt(roots, t) {
  let list = roots;
  let found = null;
  for (;;) {
    // Binary search is overkill: lists are short at depth > 0; roots can be long, so bisect there.
    let hit = null;
    if (list.length > 64) {
      let lo = 0,
        hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].ts > t) hi = mid - 1;
        else lo = mid + 1;
      }
      for (let i = hi; i >= 0 && i > hi - 4; i--) if (list[i].ts <= t && t < list[i].end) hit = list[i];
    } else hit = list.find((e) => e.ts <= t && t < e.end) ?? null;
    if (!hit) return found;
    found = hit;
    list = hit.children;
  }
}

/** CPU samples from a trace's Profile/ProfileChunk events for one pid/tid: [{ ts, node }] and nodes by id. */
export function traceSamples(events, pid, tid) {
  const profiles = new Map(); // id → { start, nodes, samples }
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile' && e.args?.data?.startTime !== undefined) {
      if (e.tid !== tid) continue;
      profiles.set(e.id, { start: e.args.data.startTime, nodes: new Map(), samples: [], t: e.args.data.startTime });
    }
  }
  const chunks = events
    .filter((e) => e.pid === pid && e.name === 'ProfileChunk' && profiles.has(e.id))
    .sort((a, b) => a.ts - b.ts);
  for (const e of chunks) {
    const p = profiles.get(e.id);
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const ids = d.cpuProfile?.samples ?? [];
    const deltas = d.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) {
      p.t += deltas[i] ?? 0;
      p.samples.push({ ts: p.t, node: ids[i] });
    }
  }
  const out = { samples: [], nodes: new Map() };
  for (const p of profiles.values()) {
    for (const [id, n] of p.nodes) out.nodes.set(id, n);
    out.samples.push(...p.samples);
  }
  out.samples.sort((a, b) => a.ts - b.ts);
  // Parents for stacks.
  for (const n of out.nodes.values()) if (n.parent !== undefined) n._parent = n.parent;
  return out;
}
