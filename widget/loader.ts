import type { Strings } from '../src/index.js';
import { readDue } from '../src/dueHint.js';
import { createApi, message } from './api.js';
import { facade, type Start } from './facade.js';
import { share } from './shared.js';

// The script-tag entry (dist/candor.js): `window.Candor`, small. It replays the snippet's queue,
// reads the data- attributes, checks each config and runs its rules; the rest of Candor (ES modules
// under dist/parts/: the engine, with storage and delivery, and the prompt's code) is imported from
// this script's own URL only when a survey will ask, is asked to store or deliver, or stored work is
// due; the prompt's code only when a prompt will be drawn.

/**
 * Written by the build (rollup.config.mjs): the parts' entry module; the files it imports, and the
 * files imported later (the prompt's code), each with its SRI hash.
 */
declare const __CANDOR_PARTS__: {
  entry: string;
  files: [file: string, integrity: string][];
  later: [file: string, integrity: string][];
  /** Of `later`, the prompt's code (indexes): fetched with the entry when a prompt is due. */
  prompt: number[];
};
const PARTS = __CANDOR_PARTS__;

interface Engine {
  start: Start;
  ack(ids: unknown): void;
  locale(tag: string, table: Partial<Strings>): void;
}

let engine: Promise<Engine> | undefined;
let loaded: Engine | undefined;
/** Languages added before the parts arrived: registered with them, in order. */
const tables: [string, Partial<Strings>][] = [];

/** Each file's preload, once: a failed one stays failed (Chromium would fetch again without the hash), unless offline. */
const preloads = new Map<string, Promise<unknown>>();

/** Preloads each file with its integrity hash where the engine can, so the import that follows runs only verified code. */
function preload(hrefs: string[], nonce: string) {
  if (!document.createElement('link').relList?.supports?.('modulepreload')) return;
  const head = document.head ?? document.documentElement;
  const integrity = (href: string) =>
    [...PARTS.files, ...PARTS.later].find(([file]) => href.endsWith(`/${file}`))?.[1] ?? '';
  const one = (href: string) =>
    new Promise((resolve, reject) => {
      const link = Object.assign(document.createElement('link'), {
        rel: 'modulepreload',
        integrity: integrity(href),
        nonce,
        href,
      });
      link.onload = resolve;
      link.onerror = () => {
        // Offline: not final (the page may try again once online); any other failure is.
        if (!navigator.onLine) preloads.delete(href);
        reject(new Error(`${href} did not load (network, CORS, CSP or integrity)`));
      };
      head.append(link);
    });
  return Promise.all(hrefs.map((href) => preloads.get(href) ?? preloads.set(href, one(href)).get(href)));
}

/**
 * Imports the parts from this script's own URL: the entry and what it imports, and the prompt's
 * code too when `prompt` (fetched alongside, imported when drawn). Parts imported later by the
 * parts themselves come through `importLater`, preloaded with their hash the same way.
 */
async function fetchParts(base: string | undefined, nonce: string, prompt: boolean): Promise<Engine> {
  if (!base) throw new Error('candor.js cannot tell its own URL: load it with <script src> (or use candor.full.js)');
  const url = (file: string) => new URL(file, base).href;
  void preload(
    (prompt ? PARTS.prompt : []).map((i) => url(PARTS.later[i]![0])),
    nonce,
  )?.catch(() => {}); // reported when imported
  await preload(
    PARTS.files.map(([file]) => url(file)),
    nonce,
  );
  share(async (file: string, from: string) => {
    const href = new URL(file, from).href;
    await preload([href], nonce);
    return import(href);
  });
  return (await import(url(PARTS.entry))) as Engine;
}

const load = (prompt: boolean): Promise<Start> =>
  // In a task of its own: starting the fetches (a preload link each) is not added to the caller's
  // task (the page's init() script, where the config check and the rules just ran).
  (engine ??= new Promise((next) => setTimeout(next))
    .then(() => fetchParts(api.script?.src, api.script?.nonce ?? '', prompt))
    .then(
      (parts) => {
        for (const [tag, table] of tables.splice(0)) {
          try {
            parts.locale(tag, table);
          } catch (error) {
            console.error(`[Candor] ${message(error)}`);
          }
        }
        return (loaded = parts);
      },
      (error) => {
        throw new Error(`Candor could not load its code, so no prompt is shown: ${message(error)}`);
      },
    )).then((parts) => parts.start);

/** Resolves (in idle time) once stored answers, withdrawals or receipts need this page: never when none are stored. */
const due = new Promise<void>((resolve) => {
  let at: number | null;
  try {
    at = readDue();
  } catch {
    at = 0; // localStorage unreadable: whether anything waits cannot be known, so look.
  }
  if (at === null) return;
  // Safari has no requestIdleCallback.
  const idle = () =>
    'requestIdleCallback' in globalThis ? requestIdleCallback(() => resolve(), { timeout: 2000 }) : resolve();
  setTimeout(idle, Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1));
});

/** The surveys waiting for stored work to be due; each leaves once started or destroyed. */
const waiting = new Set<() => void>();
let isDue = false;
void due.then(() => ((isDue = true), waiting.forEach((fn) => fn())));

const api = createApi({
  // A survey made once work is due hears it at once (fn checks whether it was destroyed meanwhile).
  create: (config) =>
    facade(config, load, (fn) =>
      isDue ? (queueMicrotask(fn), () => {}) : (waiting.add(fn), () => void waiting.delete(fn)),
    ),
  ack: (ids) =>
    void load(false)
      .then(() => loaded!.ack(ids))
      .catch((error) => console.error(`[Candor] ack: ${message(error)}`)),
  locale: (tag, table) => (loaded ? loaded.locale(tag, table) : void tables.push([tag, table])),
});

export const { init, ack, forget, ready, locale, version } = api;
