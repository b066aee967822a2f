import { parseConfig, parseSegment, type ConfigInput } from './config.js';
import { createEmitter } from './lib/emitter.js';
import type { NpsEvents, Survey } from './types.js';
import { createAnswers } from './answers.js';
import { gpcOn } from './lib/gpc.js';
import { type ThrottleEntry } from './throttle.js';
import { createGate, type Gate } from './gate.js';
import { browserEnv, type Env } from './browserEnv.js';
import { FORWARDED, forward, post } from './transports/bridge.js';
import { CandorError } from './errors.js';
import { VERSION } from './version.js';

/** What the UI asks of the core's rules: the prompt is due, will be soon, or the page left the rules' URLs. */
export interface DueHooks {
  show(): void;
  leave(): void;
  /** The rules will ask after `rules.delayMs`: the prompt's code can load meanwhile. */
  soon(): void;
}

/** The language answers are labelled with when no prompt was drawn: the browser's first. */
const browserLang = () => globalThis.navigator?.language ?? 'und';

/**
 * The core of a survey and the parts its UI needs (`createNps` draws with
 * them; `createSurvey` hands out only `survey`). `due` is called when the
 * rules say the prompt is due (only with `rules.auto`).
 */
export function createCore(input: ConfigInput, env: Env, due?: DueHooks, given?: Gate) {
  // The script tag's loader checked the config and started counting page views (its gate); else it starts here.
  // Without a UI to call, the rules only count page views.
  const gate = given ?? createGate(parseConfig(input), env.now, env.timers, due ? undefined : false);
  const { config, memo, scheduler } = gate;
  const { survey } = config;
  const now = env.now;
  const events = createEmitter<NpsEvents>();
  const emit = <K extends keyof NpsEvents>(event: K, data: NpsEvents[K]) => {
    if (config.debug) console.debug(`[Candor] ${event}`, data);
    events.emit(event, data);
  };
  // Preview stores nothing, the throttle record included; under Global Privacy Control nothing either.
  const remember = (patch: ThrottleEntry) => void (config.preview || gpcOn(config) || memo.update(survey, patch));
  const answers = createAnswers(config, emit, env);
  const { browser } = gate;
  gate.hooks.show = () => due?.show();
  gate.hooks.withdraw = () => due?.leave();
  gate.hooks.soon = () => due?.soon();
  let destroyed = false;

  const core: Survey = {
    config,
    on: events.on,
    submit(answer) {
      if (!browser || destroyed)
        return Promise.reject(
          new CandorError(
            'Unsupported',
            destroyed
              ? 'submit() after destroy(): nothing was stored'
              : 'submit() needs a browser page (it stores the answer on the device): nothing was stored',
          ),
        );
      // The language the app's own UI asked in: the configured one, else the browser's.
      return answers.accept(answer, config.locale === 'auto' ? browserLang() : config.locale);
    },
    flush: answers.flush,
    forget: answers.forget,
    export: answers.export,
    shouldAsk: () => !destroyed && gate.allows(),
    // Under Global Privacy Control there is no prompt to note: nothing is stored or told.
    markShown() {
      if (gpcOn(config)) return;
      remember({ shownAt: now() });
      emit('shown', { survey });
    },
    markDismissed() {
      if (gpcOn(config)) return;
      remember({ dismissedAt: now() });
      emit('dismiss', { survey });
    },
    setSegment(next) {
      // Answers read the config when they are built: the next one carries this.
      config.segment = parseSegment(next);
    },
    destroy() {
      destroyed = true;
      scheduler.cancel(true);
      answers.close();
      events.clear();
    },
  };

  // The webview's app hears what happens (protocol v1): `ready` first, then the events.
  if (config.transport === 'bridge') {
    forward(events.on, FORWARDED);
    post('ready', { survey, sdk: VERSION });
  }
  // Page views are counted from creation (and at each same-document navigation); GPC stores nothing.
  gate.start();
  return { config, core, emit, remember, answers, gate, isDestroyed: () => destroyed };
}

/**
 * A survey without any UI (`candor-nps/headless`): your own UI asks, this
 * stores, anonymises and delivers. `shouldAsk()` applies the when-to-ask
 * rules; `markShown()` / `markDismissed()` keep the throttles true. Throws
 * `CandorConfigError` on a bad config. `env` defaults to the browser.
 */
export function createSurvey(config: ConfigInput, env: Env = browserEnv()): Survey {
  return createCore(config, env).core;
}
