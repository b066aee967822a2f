import type { NpsInstance, Strings } from '../src/index.js';
import { VERSION } from '../src/version.js';
import { fromAttributes } from './fromAttributes.js';

// `window.Candor`, for both script-tag builds: candor.full.js (everything in one file)
// and candor.js (the loader). Nothing here may throw into the host page.

/** What `window.Candor` is: this API once loaded, or the snippet's stub with its queue before. */
export interface Api {
  init(config: unknown, onError?: (message: string) => void): NpsInstance | null;
  ack(ids: unknown): void;
  forget(survey: unknown): Promise<boolean>;
  ready(fn: (candor: Api) => void): void;
  locale(tag: string, table: Partial<Strings>): void;
  version: string;
  q?: ArrayLike<unknown>[];
}

/** What each build does with a call: start a survey (throws on a bad config), hand an ack on, add a language. */
export interface Parts {
  create(config: unknown): NpsInstance;
  ack(ids: unknown): void;
  locale(tag: string, table: Partial<Strings>): void;
}

// Whatever was thrown (a host's config getter may throw anything, even null).
export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The script-tag API on `parts`. Loaded twice (the same build or the other
 * one), the second copy hands every call to the first, so one registry of
 * running surveys (and one prompt) stays true.
 */
export function createApi(parts: Parts) {
  const w = globalThis as { Candor?: Api };
  const first = w.Candor?.version ? w.Candor : undefined;
  const running = new Map<string, NpsInstance>();

  /**
   * Starts a survey. On a bad config it logs one line with `console.error`,
   * hands the same message to `onError` (e.g. the page's error reporting),
   * renders nothing and returns `null`. A second `init` for a survey that is
   * already running returns the running instance and warns.
   */
  function init(config: unknown, onError?: (message: string) => void): NpsInstance | null {
    if (first) return first.init(config, onError);
    try {
      const survey = (config as { survey?: unknown } | null)?.survey;
      const existing = typeof survey === 'string' ? running.get(survey) : undefined;
      if (existing) {
        console.warn(`[Candor] survey "${survey}" is already running; init returned the running instance`);
        return existing;
      }
      const nps = parts.create(config);
      running.set(nps.config.survey, nps);
      const destroy = nps.destroy;
      nps.destroy = () => {
        running.delete(nps.config.survey);
        destroy();
      };
      return nps;
    } catch (error) {
      console.error(`[Candor] ${message(error)}`);
      try {
        onError?.(message(error));
      } catch {
        // The page's own callback: never thrown back into it.
      }
      return null;
    }
  }

  /** The webview app acknowledges the records it stored (ids of a `responses` message). */
  function ack(ids: unknown): void {
    if (first) return first.ack(ids);
    try {
      parts.ack(ids);
    } catch (error) {
      console.error(`[Candor] ack: ${message(error)}`);
    }
  }

  /**
   * Deletes what a running survey stored on this device and takes back its
   * delivered answers (`withdraw` on): a page's "delete my feedback" link can
   * call `Candor.forget("home")`. Resolves true once done; false, with the
   * reason logged, when that survey was not started on this page (it needs its
   * config to know where the answers went) or storage failed. Never rejects.
   */
  function forget(survey: unknown): Promise<boolean> {
    if (first) return first.forget ? first.forget(survey) : Promise.resolve(false);
    const nps = running.get(String(survey));
    const why = `forget: survey ${JSON.stringify(survey)} is not running on this page; call Candor.init first`;
    return (nps ? nps.forget() : Promise.reject(new Error(why))).then(
      () => true,
      (error: unknown) => {
        console.error(`[Candor] ${message(error)}`);
        return false;
      },
    );
  }

  /** Calls `fn(Candor)` once the script has loaded (at once if it has). */
  function ready(fn: (candor: Api) => void): void {
    if (first) return first.ready(fn);
    try {
      fn(w.Candor!);
    } catch (error) {
      console.error('[Candor] a ready() callback threw:', error);
    }
  }

  /** Adds a language; the locale files (`dist/locales/de.js`) call it, before or after candor.js loads. */
  function locale(tag: string, table: Partial<Strings>): void {
    if (first) return first.locale(tag, table);
    try {
      parts.locale(tag, table);
    } catch (error) {
      console.error(`[Candor] ${message(error)}`);
    }
  }

  // Before the IIFE's result replaces it: the snippet's stub queue, and this script's own attributes.
  const stub = first ? undefined : w.Candor?.q;
  const script = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
  const api = { init, ack, forget, ready, locale } as Record<string, (...args: unknown[]) => unknown>;
  const start = () => {
    // Calls made before the script loaded (locale files' too), replayed in order; one bad entry never stops the rest.
    for (const call of Array.from(stub ?? [])) {
      try {
        const name = String(call[0]);
        if (!Object.hasOwn(api, name)) console.error(`[Candor] ${name}() is not a Candor function; call ignored`);
        else Promise.resolve(api[name]!(...Array.from((call[1] ?? []) as ArrayLike<unknown>))).catch(() => {}); // logged
      } catch (error) {
        console.error(`[Candor] a queued call failed: ${message(error)}`);
      }
    }
    if (script?.dataset.survey !== undefined) init(fromAttributes(script.dataset));
  };
  // After `window.Candor` is this API (the IIFE assigns it when this module returns).
  if (stub || script?.dataset.survey !== undefined)
    Promise.resolve()
      .then(start)
      .catch((e) => console.error(`[Candor] ${message(e)}`));

  return { init, ack, forget, ready, locale, version: VERSION, script };
}
