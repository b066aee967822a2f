import type { Config } from './config.js';
import { blocked, inSample, seen, throttled, urlAllowed, type Blocked } from './rules.js';
import type { throttle } from './throttle.js';
import { onNavigate } from './lib/onNavigate.js';
import { realTimers, type Timers } from './lib/timers.js';

/**
 * The path each survey's page view was just counted on: instances of one
 * survey created in the same task (React's StrictMode mounts, unmounts and
 * mounts again) or hearing the same navigation count it once.
 */
const counted = new Map<string, string>();

/** What the scheduler asks of its instance. */
export interface SchedulerHooks {
  /** The rules allow it and the delay has passed: show the prompt. */
  show(): void;
  /** The person navigated to a page the URL rules exclude: close a prompt they have not started. */
  withdraw(): void;
  /** Why the prompt is not shown (for `debug`). */
  skip(reason: Blocked): void;
  /** The rules allow it: the prompt is due after `rules.delayMs` (what it needs may load meanwhile). */
  soon?(): void;
}

/**
 * When a prompt appears by itself: on each page view (the page load and every
 * same-document navigation of a single-page app) the view is counted, and if
 * every rule allows it, the prompt is due `rules.delayMs` later — unless the
 * person navigates first (with `rules.auto: false`, views are only counted).
 * The sample is drawn once per page load.
 */
export function createScheduler(
  config: Config,
  memo: ReturnType<typeof throttle>,
  hooks: SchedulerHooks,
  now: () => number = Date.now,
  timers: Timers = realTimers,
) {
  const { rules, survey } = config;
  const sampled = inSample(rules.sample);
  let timer: unknown;
  let path = '';
  let stop = () => {};

  const check = () => blocked(rules, { path: location.pathname, entry: memo.read()[survey], now: now(), sampled });

  /** A page view: counted (once, however many instances see it), and stored times from a clock that went back are brought to now. */
  const view = () => {
    path = location.pathname;
    const entry = memo.read()[survey] ?? {};
    const t = now();
    memo.update(survey, {
      pageViews: (entry.pageViews ?? 0) + (counted.get(survey) === path ? 0 : 1),
      shownAt: seen(entry.shownAt, t),
      dismissedAt: seen(entry.dismissedAt, t),
      answeredAt: seen(entry.answeredAt, t),
    });
    if (!counted.has(survey)) queueMicrotask(() => counted.delete(survey));
    counted.set(survey, path);
    timers.clearTimeout(timer);
    // `rules.auto: false`: counted, but the prompt waits for `show()`.
    if (!rules.auto) return;
    const why = check();
    if (why) return hooks.skip(why);
    hooks.soon?.();
    timer = timers.setTimeout(() => {
      const late = check();
      if (late) hooks.skip(late);
      else hooks.show();
    }, rules.delayMs);
  };

  return {
    /** Counts this page view and schedules the prompt; then follows navigation. */
    start() {
      view();
      stop = onNavigate(() => {
        if (location.pathname === path) return;
        if (!urlAllowed(location.pathname, rules)) hooks.withdraw();
        view();
      });
    },
    /** Why the rules say no to asking now (the page, page views, sample, throttle); undefined when they allow it. */
    blocked: check,
    /** An answer or a dismissal keeps the prompt away (what `show()` respects without `force`). */
    throttled: () => throttled(memo.read()[survey], rules, now()),
    /** Cancels a due prompt; with `forever`, stops following navigation. */
    cancel(forever?: boolean) {
      timers.clearTimeout(timer);
      if (forever) stop();
    },
  };
}
