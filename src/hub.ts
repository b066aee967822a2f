/**
 * Where delivery outcomes reach the instance of the answer's survey, whichever
 * instance's flusher (or, through BroadcastChannel, whichever tab) delivered
 * or dropped it. Without BroadcastChannel (Safari before 15.4) other tabs are
 * not told: their instances hear nothing, and at page-leave may send a copy
 * the server dedupes.
 */

/** What one instance hears. */
export interface Listener {
  survey: string;
  delivered(ids: string[]): void;
  dropped(id: string, reason: string): void;
  withdrawn(ids: string[]): void;
}

/** One outcome, for the answers of one survey. */
export type Outcome =
  | { type: 'delivered' | 'withdrawn'; survey: string; ids: string[] }
  | { type: 'dropped'; survey: string; ids: string[]; reason: string };

const listeners = new Set<Listener>();
let channel: BroadcastChannel | null | undefined;

const dispatch = (o: Outcome) => {
  for (const l of [...listeners]) {
    if (l.survey !== o.survey) continue;
    if (o.type === 'delivered') l.delivered(o.ids);
    else if (o.type === 'withdrawn') l.withdrawn(o.ids);
    else if (o.type === 'dropped') o.ids.forEach((id) => l.dropped(id, o.reason));
  }
};

/** Opens the cross-tab channel (after consent: only delivery calls it). */
export function connect() {
  if (channel !== undefined) return;
  try {
    channel = new BroadcastChannel('candor');
    channel.onmessage = (e: MessageEvent<Outcome>) => {
      const o = e.data;
      if (o && ['delivered', 'dropped', 'withdrawn'].includes(o.type) && Array.isArray(o.ids)) dispatch(o);
    };
  } catch {
    channel = null; // Missing, or refused (an opaque origin): this page only.
  }
}

/** Starts hearing outcomes for `l.survey`; returns the function that stops it. */
export function listen(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Tells every instance of each item's survey (one message per survey), here and in other tabs. */
export function announceBySurvey(type: 'delivered' | 'withdrawn', items: { id: string; survey: string }[]) {
  for (const survey of new Set(items.map((i) => i.survey)))
    announce({ type, survey, ids: items.filter((i) => i.survey === survey).map((i) => i.id) });
}

/** Tells every instance of the survey, in this page and in other tabs. */
export function announce(o: Outcome) {
  if (!o.ids.length) return;
  dispatch(o);
  try {
    channel?.postMessage(o);
  } catch {
    // A closed channel: this page heard it.
  }
}
