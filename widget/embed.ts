// embed.html's script: the prompt full-screen in a mobile app's webview.
// Config comes from the URL fragment `#config=<base64url JSON>` (with `&force=1`
// or `&mode=deliver`), or from the app calling `Candor.init(...)` itself. Answers
// go to the app over the native bridge unless the config names an `endpoint`
// (docs/webviews.md). The app always hears `ready` first, and `closed` when
// there is nothing (more) on screen.
import type { NpsInstance } from '../src/index.js';
import { FORWARDED, forward, post } from '../src/transports/bridge.js';
import { VERSION } from '../src/version.js';

/** What embed.html needs of `window.Candor`. */
export interface EmbedApi {
  init(config: unknown, onError?: (message: string) => void): NpsInstance | null;
}

/** What the fragment asks for. */
export interface Fragment {
  config?: Record<string, unknown>;
  /** `&force=1`: show even after a recent answer or dismissal (never past Global Privacy Control). */
  force: boolean;
  /** `&mode=deliver`: show nothing, deliver what waits, then post `closed`. */
  deliver: boolean;
  /** Why the fragment could not be read. */
  problem?: string;
}

/** Decodes `#config=<base64url JSON>`; undefined when the fragment has none. Throws on a bad one. */
export function configFromFragment(hash: string): Record<string, unknown> | undefined {
  const encoded = /[#&]config=([\w-]+)/.exec(hash)?.[1];
  if (!encoded) return undefined;
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return value as Record<string, unknown>;
}

/** Reads the whole fragment: the config and the options next to it. */
export function readFragment(hash: string): Fragment {
  const flag = (name: string, value: string) => new RegExp(`[#&]${name}=${value}(&|$)`).test(hash);
  const options = { force: flag('force', '1'), deliver: flag('mode', 'deliver') };
  try {
    return { config: configFromFragment(hash), ...options };
  } catch {
    return { ...options, problem: 'embed.html: #config= is not base64url-encoded JSON of a config object' };
  }
}

/**
 * The config embed.html starts with: full-page, the bridge unless an endpoint
 * is given, and never by itself (`rules.auto: false`): embed.html decides when.
 */
export function embedConfig(config: Record<string, unknown>): Record<string, unknown> {
  const rules = config.rules;
  return {
    position: 'full-page',
    ...(config.endpoint ? {} : { transport: 'bridge' }),
    ...config,
    // A `rules` that is not an object is left as it is, for the config error to name it.
    ...(rules === undefined || (rules && typeof rules === 'object' && !Array.isArray(rules))
      ? { rules: { ...(rules as object), auto: false } }
      : {}),
  };
}

/** The longest the app waits for `closed` when nothing is shown (delivery may still go on after it). */
export const DELIVER_WAIT_MS = 30_000;
// Instances whose events this page already forwards (a second start of a running survey adds nothing).
const forwarding = new WeakSet<NpsInstance>();

/**
 * Starts what the fragment asks for. The rules apply (a recent answer or
 * dismissal, the sample, page views, GPC) unless `force=1`; when nothing is
 * shown, what is due is delivered and then `closed` is posted. Whatever goes
 * wrong, the app hears `ready`, then `error` (and `closed` once there was a
 * survey): it is never left with a blank webview and no word.
 */
export function start(hash: string, candor: EmbedApi | undefined): NpsInstance | null {
  const { config, force, deliver, problem } = readFragment(hash);
  let ready = false;
  const fail = (message: string, survey?: string) => {
    console.error(`[Candor] ${message}`);
    if (!ready) post('ready', { sdk: VERSION });
    post('error', { message });
    if (survey) post('closed', { survey, reason: 'hidden' });
    return null;
  };
  if (problem) return fail(problem);
  // No fragment: the app calls Candor.init itself.
  if (!config) return null;
  if (!candor?.init) return fail('embed.html: candor.full.js did not load (it must sit next to embed.html)');
  let why = '';
  const nps = candor.init(embedConfig(config), (message) => (why = message));
  if (!nps) return fail(why);
  const { survey, transport } = nps.config;
  try {
    // Over the bridge transport the core posted `ready` itself; with an endpoint, embed.html does.
    ready = transport === 'bridge' || forwarding.has(nps);
    if (!ready) {
      post('ready', { survey, sdk: VERSION });
      forward(nps.on, FORWARDED);
      forwarding.add(nps);
      ready = true;
    }
    const shown = !deliver && (force ? nps.show({ force: true }) : nps.shouldAsk() && nps.show());
    if (!shown) {
      let told = false;
      const done = () => void (told || ((told = true), post('closed', { survey, reason: 'hidden' })));
      setTimeout(done, DELIVER_WAIT_MS);
      nps.flush().then(done, done);
    }
  } catch (error) {
    return fail(`embed.html: ${(error as Error)?.message ?? error}`, survey);
  }
  return nps;
}

declare const Candor: EmbedApi | undefined;
try {
  if (typeof location !== 'undefined') start(location.hash, typeof Candor === 'undefined' ? undefined : Candor);
} catch (error) {
  console.error('[Candor] embed.html:', error);
}
