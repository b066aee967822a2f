import type { BrowserContext, Page as PlaywrightPage } from 'playwright-core';
import { launchProfile } from '../harness.mjs';
import { killChromium } from '../device.js';
import { poll } from './poll.js';
import type { Browser, Page } from './types.js';

// Debian's Chromium through playwright-core, with the launch flags of
// harness.mjs, on a profile directory: closing and relaunching it on the same
// directory is the app's next start (DESIGN "Testing notes").

function wrap(page: PlaywrightPage): Page {
  let crashed = false;
  const self: Page = {
    goto: async (url) => void (await page.goto(url)),
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    waitFor: (fn, arg, timeout) => poll(self.evaluate, fn, arg, timeout),
    // Playwright's CSS pierces open shadow roots: each `>>>` step is a nested locator.
    click: (selector) => {
      const [first, ...inner] = selector.split(' >>> ');
      return inner.reduce((scope, part) => scope.locator(part), page.locator(first!)).click({ timeout: 10_000 });
    },
    press: (key) => page.keyboard.press(key === 'Space' ? ' ' : key),
    type: (text) => page.keyboard.type(text),
    screenshot: async (path) => void (await page.screenshot({ path })),
    async crash() {
      const cdp = await page.context().newCDPSession(page);
      const gone = new Promise((resolve) => page.once('crash', resolve));
      void cdp.send('Page.crash').catch(() => {});
      await gone;
      crashed = true;
    },
    close: async () => void (crashed || page.isClosed() ? undefined : await page.close()),
  };
  return self;
}

/** Launches Chromium on the profile directory `dir`. */
export async function launchChromium(dir: string): Promise<Browser> {
  let context: BrowserContext | undefined = await launchProfile(dir);
  let alive = true;
  const watch = (c: BrowserContext) => c.once('close', () => c === context && (alive = false));
  watch(context);
  return {
    name: 'chromium',
    async newPage() {
      return wrap(await context!.newPage());
    },
    async kill() {
      const closed = new Promise((resolve) => context!.once('close', resolve));
      if (killChromium(dir).length === 0) throw new Error('no Chromium process runs on this profile');
      await closed;
    },
    async restart() {
      if (alive) await context!.close();
      context = await launchProfile(dir);
      alive = true;
      watch(context);
    },
    async close() {
      if (alive) await context?.close();
      context = undefined;
    },
  };
}
