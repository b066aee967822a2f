// Helpers for the delivery tests in real Chromium: a "device" is a Chromium
// profile directory; closing and relaunching it is the app's next start
// (DESIGN "Testing notes"). Pages load the built IIFE (dist/candor.js) from
// the collector's origin, so the endpoint is same-origin. The helpers that only
// run code in a page take any page that `Evaluates`, so the cross-engine tests
// (engines.*.test.ts) use them too.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchProfile } from './harness.mjs';

/** The collector the tests talk to (test/browser/collector.mjs). */
export type Collector = Awaited<ReturnType<(typeof import('./collector.mjs'))['startCollector']>>;

export const PAGE = '/test/browser/pages/widget.html';

/** A fresh profile directory; `drop()` deletes it. */
export function profile() {
  const dir = mkdtempSync(join(tmpdir(), 'candor-profile-'));
  return { dir, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What the probe records in the page for each POST to the endpoint and each beacon. */
export interface Sent {
  kind: 'fetch' | 'beacon';
  keepalive: boolean;
  /** UTF-8 bytes of the body. */
  bytes: number;
  ids: string[];
  /** The HTTP status the page received (fetch only). */
  status?: number;
  /** Why the fetch failed in the page (network error, abort, or the browser refused it). */
  error?: string;
  /** What the (stubbed) beacon did. */
  beacon?: 'sent' | 'false' | 'threw';
}

export interface ProbeOptions {
  /** `real` keeps navigator.sendBeacon; `false` makes it return false; `throw` makes it throw. */
  beacon?: 'real' | 'false' | 'throw';
  /** Hides navigator.locks (a browser without Web Locks): the lease alone decides. */
  noLocks?: boolean;
  /** Requests to the endpoint never leave the page: their promise never settles (a send cut short). */
  hold?: boolean;
}

/**
 * Anything that runs a function in a page: a Playwright page, or a page of
 * the cross-engine driver (test/browser/engines/types.ts).
 */
export interface Evaluates {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

/**
 * Runs in every page before its scripts: records each POST to the endpoint
 * (`window.__sent`), marks keepalive requests with `?ka=1` so the collector
 * can tell them apart (the request is otherwise untouched), and optionally
 * stubs sendBeacon, hides Web Locks or holds every send in the page.
 */
export function probe(options: ProbeOptions) {
  const w = window as unknown as { __sent: Sent[] };
  w.__sent = [];
  const idsOf = (text: string) => {
    try {
      return (JSON.parse(text) as { responses: { id: string }[] }).responses.map((r) => r.id);
    } catch {
      return [];
    }
  };
  const encoder = new TextEncoder();
  const realFetch = window.fetch;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes('/v1/responses')) return realFetch.call(this, input, init);
    const body = typeof init?.body === 'string' ? init.body : '';
    const entry: Sent = {
      kind: 'fetch',
      keepalive: !!init?.keepalive,
      bytes: encoder.encode(body).length,
      ids: idsOf(body),
    };
    w.__sent.push(entry);
    if (options.hold) return new Promise<Response>(() => {});
    const marked = new URL(url, location.href);
    if (entry.keepalive) marked.searchParams.set('ka', '1');
    return realFetch.call(this, marked.href, init).then(
      (res) => ((entry.status = res.status), res),
      (error) => {
        entry.error = String(error);
        throw error;
      },
    );
  } as typeof fetch;
  if (options.beacon && options.beacon !== 'real') {
    const mode = options.beacon;
    Navigator.prototype.sendBeacon = function (_url: string | URL, data?: BodyInit | null) {
      const entry: Sent = { kind: 'beacon', keepalive: false, bytes: (data as Blob)?.size ?? 0, ids: [] };
      w.__sent.push(entry);
      void (data as Blob)?.text?.().then((text) => (entry.ids = idsOf(text)));
      entry.beacon = mode === 'throw' ? 'threw' : 'false';
      if (mode === 'throw') throw new TypeError('sendBeacon: refused (test stub)');
      return false;
    };
  }
  if (options.noLocks) Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined });
}

/** Uncaught errors (and unhandled rejections) of every page of every device: nothing may throw into a host page. */
export const pageErrors: string[] = [];

/** Launches Chromium on `dir` with the probe in every page. */
export async function device(dir: string, options: ProbeOptions & { clock?: boolean } = {}): Promise<BrowserContext> {
  const context = await launchProfile(dir);
  const watch = (page: Page) => page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  context.pages().forEach(watch);
  context.on('page', watch);
  await context.addInitScript(probe, { beacon: options.beacon ?? 'real', noLocks: !!options.noLocks });
  // Playwright's clock: timers and Date are faked but flow in real time until fast-forwarded.
  if (options.clock) await context.clock.install();
  return context;
}

export interface TabOptions {
  survey?: string;
  /** Extra config for Candor.init. */
  config?: Record<string, unknown>;
  /** Reuse this page instead of opening a new one. */
  page?: Page;
}

/** What `startSurvey` starts. */
export interface SurveyStart {
  endpoint: string;
  survey: string;
  /** Extra config for Candor.init (it overrides the hour-long delay). */
  config: Record<string, unknown>;
  /** The events recorded in `window.events`; delivered, dropped and error unless given. */
  record?: string[];
}

/**
 * Runs in a page that loaded candor.js: starts a survey whose card waits an
 * hour unless `config` says otherwise. `window.nps` is the instance;
 * `window.events` its events, as `[name, detail]`.
 */
export function startSurvey({ endpoint, survey, config, record }: SurveyStart) {
  const w = window as unknown as {
    nps: unknown;
    events: unknown[];
    Candor: { init(c: unknown): { on(e: string, fn: (d: unknown) => void): void } | null };
  };
  w.events = [];
  const nps = w.Candor.init({ survey, endpoint, rules: { delayMs: 3_600_000 }, ...config });
  if (!nps) throw new Error('Candor.init returned null');
  for (const e of record ?? ['delivered', 'dropped', 'error']) nps.on(e, (d) => w.events.push([e, d]));
  w.nps = nps;
}

/**
 * Opens the test page and starts a headless survey (the card waits an hour, so
 * it never shows): see `startSurvey`.
 */
export async function tab(context: BrowserContext, collector: Collector, options: TabOptions = {}): Promise<Page> {
  const page = options.page ?? (await context.newPage());
  await page.goto(collector.url + PAGE);
  await page.evaluate(startSurvey, {
    endpoint: collector.endpoint,
    survey: options.survey ?? 'faults',
    config: options.config ?? {},
  });
  return page;
}

/** The first page of a persistent context (it opens with one), as a tab. */
export const firstTab = (context: BrowserContext, collector: Collector, options: TabOptions = {}) =>
  tab(context, collector, { ...options, page: context.pages()[0] ?? undefined });

/**
 * Submits `count` answers headlessly, one after another (each resolves once
 * committed); returns their ids in order.
 */
export function submit(page: Evaluates, count: number, comment?: (i: number) => string): Promise<string[]> {
  return page.evaluate(
    async ({ count, comments }) => {
      const nps = (window as unknown as { nps: { submit(a: unknown): Promise<{ id: string }> } }).nps;
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const r = await nps.submit({
          score: i % 11,
          ...(comments ? { comment: comments[i] } : {}),
          consentVersion: 'v1',
        });
        ids.push(r.id);
      }
      return ids;
    },
    { count, comments: comment ? Array.from({ length: count }, (_, i) => comment(i)) : undefined },
  );
}

/** What the probe recorded in this page. */
export const sent = (page: Evaluates): Promise<Sent[]> =>
  page.evaluate(() => (window as unknown as { __sent: Sent[] }).__sent);

/** The ids of answers waiting in the outbox (this survey), read through `export()`. */
export const waiting = (page: Evaluates): Promise<string[]> =>
  page.evaluate(async () => {
    const nps = (window as unknown as { nps: { export(): Promise<{ answers: { id: string }[] }> } }).nps;
    return (await nps.export()).answers.map((a) => a.id);
  });

/** The instance's recorded events so far: delivered, dropped and error, unless `startSurvey` was told others. */
export const events = (page: Evaluates): Promise<[string, unknown][]> =>
  page.evaluate(() => (window as unknown as { events: [string, unknown][] }).events);

/**
 * Kills the Chromium running on `dir` with SIGKILL (no pagehide, no unload, no
 * clean shutdown): the app killed by the OS. Only the processes whose command
 * line names this test's own profile directory are signalled, by pid.
 */
export function killChromium(dir: string): number[] {
  const killed: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone already
    }
    if (!cmdline.split('\0').includes(`--user-data-dir=${dir}`)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      killed.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return killed;
}

/** Waits in real time (short waits only: a few hundred ms). */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
