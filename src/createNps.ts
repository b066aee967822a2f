import type { ConfigInput } from './config.js';
import { resolveTexts } from './strings.js';
import { onDomReady } from './lib/onDomReady.js';
import { warn } from './lib/warn.js';
import type { Mounted } from './ui/mount.js';
import type { CloseReason, NpsInstance } from './types.js';
import { gpcOn } from './lib/gpc.js';
import { whenFree } from './lib/onScreen.js';
import { browserEnv, type Env } from './browserEnv.js';
import { createCore } from './survey.js';
import { loadSending } from './sendingCode.js';
import type { CandorError } from './errors.js';
import type { Gate } from './gate.js';
import { mayShow } from './mayShow.js';

/**
 * The prompt's code (preact, the card, its styles): imported when a prompt
 * will be drawn (or soon will be), so a bundler makes it a chunk of its own.
 * Once loaded, a prompt is drawn in the same task as `show()` (while it loads, in the task after it arrives).
 */
type Ui = typeof import('./ui/mount.js');
let ui: Promise<Ui> | undefined;
let uiLoaded: Ui | undefined;
export const loadUi = () =>
  (ui ??= import('./ui/mount.js').then(
    (code) => (uiLoaded = code),
    (error: unknown) => {
      ui = undefined; // a later prompt tries again
      throw error;
    },
  ));

/**
 * Creates a survey with Candor's own prompt: the headless core
 * (`createSurvey`) plus the UI. Throws `CandorConfigError` at once on a bad
 * config. With `rules.auto` (the default) the prompt appears `rules.delayMs`
 * after creation on a page view the rules allow, once the DOM is ready,
 * unless Global Privacy Control is on (and `rules.respectGpc` is true).
 * `env` swaps clock, timers and storage (tests); it defaults to the browser.
 * `rules`: the gate already running for this config (the script tag's loader).
 */
export function createNps(input: ConfigInput, env: Env = browserEnv(), rules?: Gate): NpsInstance {
  const { config, core, emit, remember, answers, gate, isDestroyed } = createCore(
    input,
    env,
    {
      show: () => instance.show(),
      // The person navigated to a page the rules exclude: close a prompt they have not started.
      leave: () => engaged || (stopWaiting(), close('hidden')),
      // While the rules wait to ask (`rules.delayMs`), the prompt's code loads (a failure is reported when it is due).
      soon: () => void loadUi().catch(() => {}),
    },
    rules,
  );
  const { scheduler } = gate;
  const now = env.now;
  const { survey } = config;
  let view: Mounted | null = null;
  /** The person said yes in the open prompt: navigation no longer withdraws it. */
  let engaged = false;
  let stopWaiting = () => {};
  let stopStart = () => {};
  /** The answer the open card stored, which its thank-you step can take back. */
  let given: string | undefined;
  /** The open card's answer being stored: resolves with its id once committed, undefined if it failed. */
  let storing: Promise<string | undefined> | undefined;

  /** Takes the card away; `closed` follows at once, or once the answer being stored has settled. */
  const close = (reason: CloseReason | Promise<CloseReason>) => {
    if (!view) return;
    view.unmount();
    view = null;
    if (typeof reason === 'string') emit('closed', { survey, reason });
    else void reason.then((r) => emit('closed', { survey, reason: r }));
  };

  const fail = (message: string) => {
    warn(message);
    emit('error', { message });
  };

  /** A prompt that was asked for but could not be drawn: the host (a webview) hears `closed` all the same. */
  const undrawn = (message: string) => {
    fail(message);
    emit('closed', { survey, reason: 'hidden' });
  };

  const render = ({ mount }: Ui) => {
    if (isDestroyed() || view) return;
    given = storing = undefined;
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
            // While the person chooses a score, the code that will deliver it loads (it stores without it).
            if (granted) void loadSending().catch(() => {});
            if (!granted) {
              remember({ dismissedAt: now() });
              emit('dismiss', { survey, step: 'consent' });
              close('declined');
            }
          },
          onSubmit(score, comment) {
            // The card showed the consent step and got a yes: that is the consent version recorded.
            const stored = answers
              .accept({ score, ...(comment ? { comment } : {}), consentVersion: config.consent.version }, texts.lang)
              .then((body) => ((given = body.id), body))
              .catch((error: Error) => {
                fail(`the answer was not stored: ${error.message}`);
                throw error;
              });
            storing = stored.then(
              (body) => body.id,
              () => undefined,
            );
            // A receipt exists only where the device could make a secret (the answer carries its proof).
            return stored.then((body) => !!body.proof);
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
            // Closed before a score was given: a dismissal.
            if (!storing) {
              remember({ dismissedAt: now() });
              emit('dismiss', { survey, step });
              return close('dismissed');
            }
            // After it (closing the follow-up keeps the score, like "Skip"): `completed` once the
            // answer is committed, so an app that tears down its webview on `closed` loses nothing.
            close(storing.then((id) => (id ? 'completed' : 'dismissed')));
          },
        },
        { position, theme: config.theme, nonce: config.nonce, debug: config.debug },
      );
    } catch (error) {
      // E.g. an invalid selector, or a host page that broke shadow DOM: never throw into the page.
      return undrawn(`the prompt could not be drawn: ${(error as Error).message}`);
    }
    if (!view) return undrawn(`position.inline: no element matches "${(position as { inline: string }).inline}"`);
    engaged = false;
    remember({ shownAt: now() });
    emit('shown', { survey });
  };

  const instance: NpsInstance = {
    ...core,
    show(options) {
      if (isDestroyed() || !mayShow(gate, options?.force)) return false;
      if (view) return true;
      stopWaiting();
      let stopped = false;
      let stopDom = () => {};
      let stopTurn = () => {};
      stopWaiting = () => ((stopped = true), stopDom(), stopTurn());
      // The prompt's code first; then at most one prompt on screen: wait for another survey's to close (and look again then).
      const go = (code: Ui) => {
        const draw = () => (config.preview || options?.force || !scheduler.throttled()) && render(code);
        if (!stopped) stopDom = onDomReady(document, () => (stopTurn = whenFree(document, draw)));
      };
      if (uiLoaded) go(uiLoaded);
      else
        loadUi().then(
          (code) => {
            // The code was evaluated in this task; its stylesheet is parsed now and the card drawn in
            // the next task, so the page gets the main thread in between (no one long task of both).
            try {
              code.sheetFor(document);
            } catch {
              // Drawn with a <style> then (mount.ts).
            }
            setTimeout(() => go(code));
          },
          (error: Error) => stopped || undrawn(`the prompt's code did not load: ${error?.message ?? error}`),
        );
      return true;
    },
    hide() {
      // A prompt still waiting to appear (the DOM, another survey's card, the delay) does not.
      stopWaiting();
      scheduler.cancel();
      close('hidden');
    },
    destroy() {
      stopStart();
      stopWaiting();
      // Listeners hear the prompt go before they are dropped.
      close('hidden');
      core.destroy();
    },
    submit(answer) {
      // The language the prompt would have asked in, like the card's own answers.
      if (typeof document === 'undefined' || isDestroyed()) return core.submit(answer); // rejects: Unsupported
      return answers.accept(answer, resolveTexts(config, navigator.languages ?? []).lang);
    },
  };

  // Preview shows at once, whatever the rules; otherwise the core's scheduler calls `show` when due.
  // Not before the caller has had the instance: with the code loaded and the DOM ready, show()
  // draws in the same task, and `shown` must reach the listeners added right after creation.
  if (config.preview && gate.browser && !gpcOn(config))
    queueMicrotask(() => isDestroyed() || (stopStart = onDomReady(document, () => instance.show())));
  return instance;
}
