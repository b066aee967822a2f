/**
 * The only thing Candor may store before consent: per survey, when the prompt
 * was last shown, dismissed or answered, and a page-view count. No identifier.
 * One localStorage item under this key (docs/privacy.md); with
 * `rules.storeThrottle: false` it lives in memory for the page only.
 */
export const THROTTLE_KEY = 'candor';

/** Timestamps and a counter for one survey. */
export interface ThrottleEntry {
  shownAt?: number;
  dismissedAt?: number;
  answeredAt?: number;
  pageViews?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Only entries that are objects: anything else (null, an array, a number, truncated JSON) counts as empty. */
const sane = (parsed: unknown): Record<string, ThrottleEntry> =>
  isObject(parsed) ? (Object.fromEntries(Object.entries(parsed).filter(([, entry]) => isObject(entry))) as never) : {};

// Where the record lives when it may not be persisted, or localStorage fails: the page's life.
let memory: Record<string, ThrottleEntry> = {};

/** Reads and writes the throttle record; storage failures degrade to memory silently. */
export function throttle(persist: boolean) {
  const read = (): Record<string, ThrottleEntry> => {
    try {
      if (persist) return sane(JSON.parse(localStorage.getItem(THROTTLE_KEY) ?? '{}'));
    } catch {
      // Private mode, disabled storage or a corrupt item: fall back to memory.
    }
    return { ...memory };
  };
  const write = (all: Record<string, ThrottleEntry>) => {
    try {
      if (persist) {
        if (Object.keys(all).length) localStorage.setItem(THROTTLE_KEY, JSON.stringify(all));
        else localStorage.removeItem(THROTTLE_KEY);
        return;
      }
    } catch {
      // Full or disabled: keep it for this page.
    }
    memory = all;
  };
  return {
    read,
    /** Merges `patch` into one survey's entry. */
    update(survey: string, patch: ThrottleEntry) {
      const all = read();
      all[survey] = { ...all[survey], ...patch };
      write(all);
    },
    /** Deletes one survey's entry (`forget()`); the item goes when it is empty. */
    remove(survey: string) {
      const all = read();
      delete all[survey];
      write(all);
    },
  };
}
