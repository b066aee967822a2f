import { parseConfig, type ConfigInput } from './config.js';
import { resolveTexts } from './strings.js';
import { createEmitter } from './lib/emitter.js';
import { onDomReady } from './lib/onDomReady.js';
import { warn } from './lib/warn.js';
import { mount, type Mounted } from './ui/mount.js';
import type { NpsEvents, NpsInstance } from './types.js';
import { createAnswers, gpcOn } from './answers.js';
import type { Env } from './delivery.js';
import { post } from './transports/bridge.js';
import { VERSION } from './version.js';

/**
 * Creates a survey from a config. Throws `CandorConfigError` at once on a bad
 * config. The prompt appears once the DOM is ready and `rules.delayMs` has
 * passed, unless Global Privacy Control is on (and `rules.respectGpc` is true).
 * `env` swaps clock, timers and storage (tests); it defaults to the browser.
 */
export function createNps(input: ConfigInput, env?: Env): NpsInstance {
  const config = parseConfig(input);
  const { survey } = config;
  const events = createEmitter<NpsEvents>();
  const emit = <K extends keyof NpsEvents>(event: K, data: NpsEvents[K]) => {
    if (config.debug) console.debug(`[Candor] ${event}`, data);
    events.emit(event, data);
  };
  let view: Mounted | null = null;
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopWaiting = () => {};

  const answers = createAnswers(config, emit, env);

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
            if (!granted) {
              close();
              emit('dismiss', { survey, step: 'consent' });
            }
          },
          onSubmit(score, comment) {
            // The card showed the consent step and got a yes: that is the consent version recorded.
            return answers
              .accept({ score, ...(comment ? { comment } : {}), consentVersion: config.consent.version }, texts.lang)
              .catch((error: Error) => {
                fail(`the answer was not stored: ${error.message}`);
                throw error;
              });
          },
          onClose(step) {
            close();
            if (step === 'consent' || step === 'score') emit('dismiss', { survey, step });
          },
        },
        { position, theme: config.theme, nonce: config.nonce },
      );
    } catch (error) {
      // E.g. an invalid selector, or a host page that broke shadow DOM: never throw into the page.
      return fail(`the prompt could not be drawn: ${(error as Error).message}`);
    }
    if (!view) return fail(`position.inline: no element matches "${(position as { inline: string }).inline}"`);
    emit('shown', { survey });
  };

  const instance: NpsInstance = {
    config,
    show() {
      if (destroyed || typeof document === 'undefined' || gpcOn(config)) return false;
      clearTimeout(timer);
      stopWaiting();
      stopWaiting = onDomReady(document, render);
      return true;
    },
    hide: close,
    destroy() {
      destroyed = true;
      clearTimeout(timer);
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
  if (typeof document !== 'undefined') {
    stopWaiting = onDomReady(document, () => {
      timer = setTimeout(() => instance.show(), config.rules.delayMs);
    });
  }
  return instance;
}
