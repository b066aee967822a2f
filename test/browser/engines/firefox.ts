import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { poll } from './poll.js';
import { commandLine, descendants, rendererOf, signal } from './processes.js';
import type { Browser, Page } from './types.js';

// Firefox ESR through puppeteer-core over WebDriver BiDi, on a profile
// directory. Firefox keeps IndexedDB in the profile on disk, so the app's
// next start is what it is in Chromium: the browser closed (or killed) and
// launched again on the same directory.
//
// A crash kills the page's content process with SIGKILL: Firefox shows its
// "tab crashed" page in that tab and the browser goes on. The content
// process is one of the `-contentproc … -isForBrowser` processes below the
// browser's own; `rendererOf` finds which. A killed app is every process of
// the browser killed with SIGKILL, by pid.

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

function wrap(page: PuppeteerPage, browser: () => PuppeteerBrowser | undefined): Page {
  let crashed = false;
  const self: Page = {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    waitFor: (fn, arg, timeout) => poll(self.evaluate, fn, arg, timeout),
    // Puppeteer's `>>>` is the deep combinator: it looks inside open shadow roots.
    click: (selector) => page.locator(selector).setTimeout(10_000).click(),
    press: (key) => page.keyboard.press(key === 'Space' ? ' ' : key),
    type: (text) => page.keyboard.type(text),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    async crash() {
      const root = browser()?.process()?.pid;
      if (!root) throw new Error('Firefox is not running');
      const contentProcesses = () =>
        // Processes forked by Firefox's fork server carry their arguments as one string.
        descendants(root).filter((pid) => {
          const line = ` ${commandLine(pid).join(' ')} `;
          return line.includes(' -contentproc ') && line.includes(' -isForBrowser ');
        });
      signal([await rendererOf(self, contentProcesses)], 'SIGKILL');
      crashed = true;
    },
    close: async () => void (crashed || page.isClosed() ? undefined : await page.close()),
  };
  return self;
}

/** Launches Firefox ESR headless on the profile directory `dir`, with a temporary HOME. */
export async function launchFirefox(dir: string): Promise<Browser> {
  const home = mkdtempSync(join(tmpdir(), 'candor-firefox-home-'));
  const start = () =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: dir,
      env: { ...process.env, HOME: home },
    });
  let browser: PuppeteerBrowser | undefined = await start().catch((error) => {
    rmSync(home, { recursive: true, force: true });
    throw error;
  });
  const current = () => browser;
  return {
    name: 'firefox',
    async newPage() {
      return wrap(await browser!.newPage(), current);
    },
    async kill() {
      const running = browser!;
      const gone = new Promise((resolve) => running.once('disconnected', resolve));
      signal(descendants(running.process()!.pid!), 'SIGKILL');
      await gone;
      browser = undefined;
    },
    async restart() {
      if (browser?.connected) await browser.close();
      browser = await start();
    },
    async close() {
      if (browser?.connected) await browser.close();
      browser = undefined;
      rmSync(home, { recursive: true, force: true });
    },
  };
}
