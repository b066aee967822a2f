import { parseConfig, type ConfigInput } from './config.js';
import { resolveTexts } from './strings.js';
import { createEmitter } from './lib/emitter.js';
import { onDomReady } from './lib/onDomReady.js';
import { warn } from './lib/warn.js';
import { mount, type Mounted } from './ui/mount.js';
import type { NpsEvents, NpsInstance } from './types.js';
import { createAnswers, gpcOn } from './answers.js';
import { createScheduler } from './scheduler.js';
import { throttle } from './throttle.js';
import { whenFree } from './lib/onScreen.js';
import { browserEnv, type Env } from './browserEnv.js';
import { post } from './transports/bridge.js';
import { VERSION } from './version.js';
import type { CandorError } from './errors.js';

/**
 * Creates a survey from a config. Throws `CandorConfigError` at once on a bad
 * config. The prompt appears once the DOM is ready and `rules.delayMs` has
 * passed, unless Global Privacy Control is on (and `rules.respectGpc` is true).
 * `env` swaps clock, timers and storage (tests); it defaults to the browser.
 */
export function createNps(input: ConfigInput, env: Env = browserEnv()): NpsInstance {
  const config = parseConfig(input);
  // One clock for the throttle record, the scheduler and the outbox.
  const now = env.now;
  const { survey } = config;
  const events = createEmitter<NpsEvents>();
  const emit = <K extends keyof NpsEvents>(event: K, data: NpsEvents[K]) => {
    if (config.debug) console.debug(`[Candor] ${event}`, data);
    events.emit(event, data);
  };
  let view: Mounted | null = null;
  let destroyed = false;
  /** The person said yes in the open prompt: navigation no longer withdraws it. */
  let engaged = false;
  let stopWaiting = () => {};
  let stopStart = () => {};
  // Preview stores nothing, the throttle record included.
  const memo = throttle(config.rules.storeThrottle);
  const remember = (patch: Parameters<typeof memo.update>[1]) => void (config.preview || memo.update(survey, patch));

  const answers = createAnswers(config, emit, env);
  /** The answer the open card stored, which its thank-you step can take back. */
  let given: string | undefined;

  const close = () => {
    view?.unmount();
    view = null;
  };

  const fail = (message: string) => {
    warn(message);
    emit('error', { message });
  };

  const render = () => {
    if (destroyed || view) return;
    const position = config.position;
    const texts = resolveTexts(config, navigator.languages ?? [navigator.language]);
    try {
      view = mount(
        document,
        {
          texts,
          followUp: config.followUp !== false,
          policyUrl: config.consent.policyUrl,
          kind: typeof position === 'object' ? 'region' : position === 'full-page' ? 'modal' : 'dialog',
          onConsent(granted) {
            emit('consent', { granted });
            engaged = granted;
            if (!granted) {
              close();
              remember({ dismissedAt: now() });
              emit('dismiss', { survey, step: 'consent' });
            }
          },
          onSubmit(score, comment) {
            // The card showed the consent step and got a yes: that is the consent version recorded.
            return answers
              .accept({ score, ...(comment ? { comment } : {}), consentVersion: config.consent.version }, texts.lang)
              .then((body) => {
                // A receipt exists only where the device could make a secret (the answer carries its proof).
                given = body.id;
                return !!body.proof;
              })
              .catch((error: Error) => {
                fail(`the answer was not stored: ${error.message}`);
                throw error;
              });
          },
          onContact: config.contact?.enabled
            ? (email) =>
                answers.contact(given!, email).then(
                  () => true,
                  (error: CandorError) => {
                    if (error.code === 'InvalidAnswer') return false;
                    fail(`the contact was not stored: ${error.message}`);
                    throw error;
                  },
                )
            : undefined,
          onWithdraw: () =>
            answers.withdraw([given!]).catch((error: Error) => {
              fail(`the answer could not be withdrawn: ${error.message}`);
              throw error;
            }),
          onClose(step) {
            close();
            if (step === 'consent' || step === 'score') {
              remember({ dismissedAt: now() });
              emit('dismiss', { survey, step });
            }
          },
        },
        { position, theme: config.theme, nonce: config.nonce, debug: config.debug },
      );
    } catch (error) {
      // E.g. an invalid selector, or a host page that broke shadow DOM: never throw into the page.
      return fail(`the prompt could not be drawn: ${(error as Error).message}`);
    }
    if (!view) return fail(`position.inline: no element matches "${(position as { inline: string }).inline}"`);
    engaged = false;
    remember({ shownAt: now() });
    emit('shown', { survey });
  };

  const scheduler = createScheduler(
    config,
    memo,
    {
      show: () => instance.show(),
      withdraw: () => engaged || close(),
      skip: (why) => config.debug && console.debug(`[Candor] not shown: ${why} (rules)`),
    },
    now,
    env.timers,
  );

  const instance: NpsInstance = {
    config,
    show(options) {
      if (destroyed || typeof document === 'undefined' || gpcOn(config)) return false;
      // Timing rules give way to the developer; an answer or a dismissal only to `force`.
      const why = config.preview || options?.force ? undefined : scheduler.throttled();
      if (why) {
        if (config.debug) console.debug(`[Candor] not shown: ${why} (show({ force: true }) overrides)`);
        return false;
      }
      scheduler.cancel();
      if (view) return true;
      stopWaiting();
      // At most one prompt on screen: wait for another survey's to close (and look again then).
      const draw = () => (config.preview || options?.force || !scheduler.throttled()) && render();
      let stopTurn = () => {};
      const stopDom = onDomReady(document, () => (stopTurn = whenFree(document, draw)));
      stopWaiting = () => (stopDom(), stopTurn());
      return true;
    },
    hide: close,
    destroy() {
      destroyed = true;
      scheduler.cancel(true);
      stopStart();
      stopWaiting();
      close();
      answers.close();
      events.clear();
    },
    on: events.on,
    submit: (answer) => answers.accept(answer, resolveTexts(config, navigator.languages ?? []).lang),
    flush: answers.flush,
    forget: answers.forget,
    export: answers.export,
  };

  if (config.transport === 'bridge') {
    // The webview's app hears what the person does (protocol v1; answers come as `responses`).
    for (const type of ['shown', 'consent', 'dismiss'] as const) events.on(type, (data) => void post(type, data));
    post('ready', { survey, sdk: VERSION });
  }
  if (typeof document !== 'undefined' && !gpcOn(config)) {
    // Preview shows at once, whatever the rules; otherwise the rules decide (src/rules.ts).
    stopStart = onDomReady(document, () => (config.preview ? instance.show() : scheduler.start()));
  }
  return instance;
}
