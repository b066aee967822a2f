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

/**
 * Starts what the fragment asks for. The rules apply (a recent answer or
 * dismissal, the sample, page views, GPC) unless `force=1`; when nothing is
 * shown, what waits is delivered and then `closed` is posted.
 */
export function start(hash: string, candor: EmbedApi): NpsInstance | null {
  const { config, force, deliver, problem } = readFragment(hash);
  const fail = (message: string) => {
    console.error(`[Candor] ${message}`);
    post('ready', { sdk: VERSION });
    post('error', { message });
  };
  if (problem) return (fail(problem), null);
  // No fragment: the app calls Candor.init itself.
  if (!config) return null;
  let why = '';
  const nps = candor.init(embedConfig(config), (message) => (why = message));
  if (!nps) return (post('ready', { sdk: VERSION }), post('error', { message: why }), null);
  const { survey, transport } = nps.config;
  if (transport !== 'bridge') {
    // The core speaks to the app itself over the bridge transport; with an endpoint, embed.html does.
    post('ready', { survey, sdk: VERSION });
    forward(nps.on, FORWARDED);
  }
  const shown = !deliver && (force ? nps.show({ force: true }) : nps.shouldAsk() && nps.show());
  if (!shown) {
    const done = () => void post('closed', { survey, reason: 'hidden' });
    nps.flush().then(done, done);
  }
  return nps;
}

declare const Candor: EmbedApi | undefined;
try {
  if (typeof Candor !== 'undefined' && typeof location !== 'undefined') start(location.hash, Candor);
} catch (error) {
  console.error('[Candor] embed.html:', error);
}
