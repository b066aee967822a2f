import { afterEach, beforeEach } from 'vitest';
import { startCollector } from './collector.mjs';
import { launch, type Browser, type EngineName, type Page } from './engines/engines.js';
import { probe, profile, startSurvey, type Collector, type ProbeOptions, type SurveyStart } from './device.js';
import { addScript } from './prepare.js';

// What the cross-engine tests share: a fresh device and collector per test,
// and the way a survey page is opened.

/** The page every cross-engine survey starts from: widget.html without candor.js. */
export const BARE = '/test/browser/pages/bare.html';

/**
 * A fresh device (a browser on a new profile) and a loopback collector for
 * each test of the `describe`, closed after it. Read `suite.browser` and
 * `suite.c` inside the tests.
 */
export function engineSuite(engine: EngineName, options?: Parameters<typeof startCollector>[0]) {
  const suite = {} as { browser: Browser; c: Collector };
  let drop: (() => void) | undefined;
  beforeEach(async () => {
    suite.c = await startCollector(options);
    const device = profile();
    drop = device.drop;
    suite.browser = await launch(engine, device.dir);
  });
  afterEach(async () => {
    await suite.browser?.close();
    await suite.c?.close();
    drop?.();
  });
  return suite;
}

/** How `openSurvey` prepares the page and starts the survey. */
export interface OpenOptions extends Partial<Omit<SurveyStart, 'endpoint'>> {
  /** The send probe's options (device.ts `probe`); `false` leaves `fetch` as it is. */
  probe?: ProbeOptions | false;
  /** Runs in the page before candor.js loads. */
  prepare?: (page: Page) => Promise<unknown>;
  /** Where answers go (default: the suite's collector). */
  endpoint?: string;
}

/**
 * Opens pages/bare.html from the collector, prepares it (the send probe unless
 * `probe` is false, then `prepare`), loads the built candor.js and starts a survey that sends to the
 * collector: headless (the card waits an hour) unless `config` says otherwise.
 */
export async function openSurvey(page: Page, c: Collector, options: OpenOptions = {}): Promise<Page> {
  await page.goto(c.url + BARE);
  if (options.probe !== false) await page.evaluate(probe, options.probe ?? {});
  await options.prepare?.(page);
  await page.evaluate(addScript, '/dist/candor.js');
  await page.evaluate(startSurvey, {
    endpoint: options.endpoint ?? c.endpoint,
    survey: options.survey ?? 'engines',
    config: options.config ?? {},
    record: options.record,
  });
  return page;
}

/** Uncaught errors and unhandled rejections so far (pages/record-problems.js). */
export const problems = (page: Page) => page.evaluate(() => (window as unknown as { problems: string[] }).problems);

/** Selectors for the card (it draws in the shadow root of `<candor-nps>`). */
export const CARD = {
  dialog: 'candor-nps >>> [role=dialog]',
  /** "Yes, I'll answer", then "Next" or "Send". */
  primary: 'candor-nps >>> .actions button.primary',
  /** "No thanks", then "Skip". */
  secondary: 'candor-nps >>> .actions button.secondary',
  radio: (n: number) => `candor-nps >>> [role=radio]:nth-child(${n + 1})`,
};

/** Runs in the page: whether the card's heading reads `text`. */
export const heading = (text: string) =>
  document.querySelector('candor-nps')?.shadowRoot?.querySelector('h2')?.textContent === text;

/**
 * Runs in the page: whether the card is shown with its entrance animation
 * over (mid-fade, axe would measure the contrast of half-transparent text).
 */
export const cardInPlace = () => {
  const card = document.querySelector('candor-nps')?.shadowRoot?.querySelector('[role=dialog]');
  return !!card && card.getAnimations().every((a) => a.playState !== 'running');
};
