import type { Config } from './config.js';
import { createScheduler, type SchedulerHooks } from './scheduler.js';
import { throttle } from './throttle.js';
import { gpcOn } from './lib/gpc.js';
import type { Timers } from './lib/timers.js';

/** What the rules call: the scheduler's hooks, plus `soon` when a prompt is scheduled (its code can load meanwhile). */
export type GateHooks = SchedulerHooks & { soon?(): void };

/**
 * What decides whether and when a survey asks, before any of the prompt or
 * the storage is needed: the parsed config, the throttle record and the
 * scheduler counting page views. The script tag's loader makes one and hands
 * it to the survey it loads later (`createCore`), so a page view is counted
 * once and the sample is drawn once. `hooks` may be replaced at any time.
 */
export function createGate(config: Config, now: () => number, timers: Timers, auto = config.rules.auto) {
  const { rules } = config;
  const memo = throttle(rules.storeThrottle);
  const hooks: GateHooks = {
    show() {},
    withdraw() {},
    skip: (why) => config.debug && console.debug(`[Candor] not shown: ${why} (rules)`),
  };
  const scheduler = createScheduler(
    auto === rules.auto ? config : { ...config, rules: { ...rules, auto } },
    memo,
    {
      show: () => hooks.show(),
      withdraw: () => hooks.withdraw(),
      skip: (why) => hooks.skip(why),
      soon: () => hooks.soon?.(),
    },
    now,
    timers,
  );
  const browser = typeof location !== 'undefined' && typeof document !== 'undefined';
  let started = false;
  return {
    config,
    memo,
    scheduler,
    hooks,
    browser,
    /** Starts counting page views (once; never in preview or under Global Privacy Control, which store nothing). */
    start() {
      if (started || !browser || config.preview || gpcOn(config)) return;
      started = true;
      scheduler.start();
    },
    /** Whether the rules allow asking now (`shouldAsk()`). */
    allows() {
      if (!browser || gpcOn(config)) return false;
      if (config.preview) return true;
      const why = scheduler.blocked();
      if (why && config.debug) console.debug(`[Candor] shouldAsk: no (${why})`);
      return !why;
    },
  };
}

/** A survey's gate. */
export type Gate = ReturnType<typeof createGate>;
