import { parseConfig, parseSegment, type ConfigInput } from '../src/config.js';
import { CandorError } from '../src/errors.js';
import { createGate, type Gate } from '../src/gate.js';
import { gpcOn } from '../src/lib/gpc.js';
import { realTimers } from '../src/lib/timers.js';
import type { NpsEvents, NpsInstance } from '../src/types.js';

/** What the loader's parts module gives a survey: the real instance, on the gate already counting views. */
export type Start = (gate: Gate) => NpsInstance;

/** Calls `fn` once stored work is due (maybe never), until the function it returns is called. */
export type WhenDue = (fn: () => void) => () => void;

type Listener = [keyof NpsEvents, (data: never) => void, (() => void) | undefined];

/**
 * A survey started by the loader (dist/candor.js): the config is checked and
 * the rules run at once, here; the rest of Candor (`load`) is fetched only
 * when the survey needs it — its prompt is due, `show()` or a method that
 * stores or delivers was called, or `whenDue` calls back (stored work is waiting). Calls
 * made before it arrives are replayed on the real instance in order. If it
 * cannot load: one `error` event (and `closed` for a prompt that was asked
 * for), promises reject, nothing is drawn.
 */
export function facade(input: unknown, load: (prompt: boolean) => Promise<Start>, whenDue: WhenDue): NpsInstance {
  const config = parseConfig(input as ConfigInput);
  const gate = createGate(config, Date.now, realTimers);
  const { survey } = config;
  const listeners = new Set<Listener>();
  let real: NpsInstance | undefined;
  let failed: Error | undefined;
  let loading: Promise<NpsInstance> | undefined;
  let destroyed = false;
  /** A prompt asked for (by the rules or `show()`) before the code arrived. */
  let wanted: Parameters<NpsInstance['show']>[0] | false = false;
  /** The rules scheduled a prompt (it shows after `rules.delayMs`). */
  let scheduled = false;

  const tell = <K extends keyof NpsEvents>(event: K, data: NpsEvents[K]) =>
    listeners.forEach(([e, fn]) => e === event && (fn as (d: NpsEvents[K]) => void)(data));

  /** Starts the real survey on the gate, hands it the listeners and replays a prompt asked for meanwhile. */
  const begin = (start: Start) => {
    stopDue();
    real = start(gate);
    listeners.forEach((l) => (l[2] = real!.on(l[0], l[1] as never)));
    if (wanted !== false) real.show(wanted);
    else if (scheduled) gate.hooks.soon?.(); // the prompt's code loads while the delay runs
    return real;
  };
  /** Loads the rest (with the prompt's code too when `prompt`: a prompt is due or asked for) and starts it. */
  const get = (prompt = false): Promise<NpsInstance> =>
    (loading ??= load(prompt).then(
      // The parts were evaluated in this task: the survey starts (and draws) in the next one, so the
      // page gets the main thread in between rather than one long task made of both.
      (start) => new Promise((next) => setTimeout(next)).then(() => begin(start)),
      (error: Error) => {
        failed = error;
        console.error(`[Candor] ${error.message}`);
        tell('error', { message: error.message });
        if (wanted !== false) tell('closed', { survey, reason: 'hidden' });
        throw error;
      },
    ));
  /** A method that needs the real instance: called on it once loaded; rejects if it cannot load. */
  const later =
    <A extends unknown[], R>(call: (n: NpsInstance, ...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      real
        ? call(real, ...args)
        : failed || destroyed
          ? Promise.reject(
              new CandorError('Unsupported', failed?.message ?? 'called after destroy(): nothing was done'),
            )
          : get().then((n) => call(n, ...args));
  const soon = (prompt = true) => void get(prompt).catch(() => {}); // reported once, in get()

  // The rules: the code loads as soon as they say a prompt is due (during `delayMs`), and is shown when it is.
  gate.hooks.soon = () => ((scheduled = true), soon());
  // A prompt due after the code failed to load: its host hears `closed`, as for a prompt that could not be drawn.
  gate.hooks.show = () => (failed ? tell('closed', { survey, reason: 'hidden' }) : ((wanted = {}), soon()));
  gate.hooks.withdraw = () => (wanted = scheduled = false);
  gate.start();
  // A preview shows at once; the webview bridge says `ready` at once; stored work waiting: deliver it.
  if (config.preview || config.transport === 'bridge') soon(config.preview);
  // Nothing may ever be due: once started or destroyed, this survey is let go of (not kept alive waiting).
  const stopDue = whenDue(() => destroyed || soon(false));

  return {
    get config() {
      return config;
    },
    on(event, fn) {
      if (real) return real.on(event, fn);
      const entry: Listener = [event, fn as (data: never) => void, undefined];
      listeners.add(entry);
      return () => (listeners.delete(entry), entry[2]?.());
    },
    show(options) {
      if (real) return real.show(options);
      if (destroyed || failed || !gate.browser || gpcOn(config)) return false;
      const why = config.preview || options?.force ? undefined : gate.scheduler.throttled();
      if (why) {
        if (config.debug) console.debug(`[Candor] not shown: ${why} (show({ force: true }) overrides)`);
        return false;
      }
      gate.scheduler.cancel();
      wanted = options ?? {};
      soon();
      return true;
    },
    hide() {
      if (real) return real.hide();
      wanted = false;
      gate.scheduler.cancel();
    },
    destroy() {
      stopDue();
      if (real) return real.destroy();
      destroyed = true;
      wanted = false;
      gate.scheduler.cancel(true);
      // Calls made before it still run, in order, on the instance being loaded; then it goes.
      void loading?.then(
        (n) => n.destroy(),
        () => {},
      );
    },
    shouldAsk: () => (real ? real.shouldAsk() : !destroyed && gate.allows()),
    setSegment(segment) {
      if (real) return real.setSegment(segment);
      config.segment = parseSegment(segment);
    },
    markShown: () => void later(async (n) => n.markShown())().catch(() => {}),
    markDismissed: () => void later(async (n) => n.markDismissed())().catch(() => {}),
    submit: later((n, answer: Parameters<NpsInstance['submit']>[0]) => n.submit(answer)),
    flush: later((n) => n.flush()),
    forget: later((n) => n.forget()),
    export: later((n) => n.export()),
  };
}
