import { parseConfig, type Config, type ConfigInput } from './config.js';
import { resolveTexts } from './strings.js';
import { createEmitter } from './lib/emitter.js';
import { categoryOf, type Category } from './lib/category.js';
import { onDomReady } from './lib/onDomReady.js';
import { warn } from './lib/warn.js';
import { mount, type Mounted } from './ui/mount.js';
import type { Step } from './ui/Card.js';

/** What each event hands its listeners. */
export interface NpsEvents {
  /** The prompt is on screen. */
  shown: { survey: string };
  /** The person answered the consent step. */
  consent: { granted: boolean };
  /** An answer was accepted. */
  submit: { survey: string; score: number; comment?: string; category: Category };
  /** The person declined or closed the prompt before answering; `step` is where. */
  dismiss: { survey: string; step: Step };
  /** Answers reached the endpoint (issue #3). */
  delivered: { ids: string[] };
  /** An answer was given up on (issue #3). */
  dropped: { id: string; reason: string };
  /** Something went wrong that the site owner should know about. */
  error: { message: string };
}

/** Options of `show()`. */
export interface ShowOptions {
  /** Reserved for the throttle rules (issue #6): show even when recently asked. Never overrides GPC. */
  force?: boolean;
}

/** A running survey. */
export interface NpsInstance {
  readonly config: Config;
  /** Shows the prompt now (once the document has a body). Returns false when it will not show. */
  show(options?: ShowOptions): boolean;
  /** Closes the prompt without counting it as a dismissal. */
  hide(): void;
  /** Closes the prompt, cancels timers and removes every listener. */
  destroy(): void;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof NpsEvents>(event: K, fn: (data: NpsEvents[K]) => void): () => void;
}

/**
 * Creates a survey from a config. Throws `CandorConfigError` at once on a bad
 * config. The prompt appears once the DOM is ready and `rules.delayMs` has
 * passed, unless Global Privacy Control is on (and `rules.respectGpc` is true).
 */
export function createNps(input: ConfigInput): NpsInstance {
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

  const gpc = () =>
    config.rules.respectGpc &&
    (globalThis.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;

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
    try {
      view = mount(
        document,
        {
          texts: resolveTexts(config, navigator.languages ?? [navigator.language]),
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
            emit('submit', { survey, score, category: categoryOf(score), ...(comment ? { comment } : {}) });
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
      if (destroyed || typeof document === 'undefined' || gpc()) return false;
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
      events.clear();
    },
    on: events.on,
  };

  if (typeof document !== 'undefined') {
    stopWaiting = onDomReady(document, () => {
      timer = setTimeout(() => instance.show(), config.rules.delayMs);
    });
  }
  return instance;
}
