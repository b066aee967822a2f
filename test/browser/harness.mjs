// Real-Chromium harness shared by the browser tests and scripts/screenshots.mjs:
// a static server for the repository and Debian's Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { sendFile } from '../../demo/sendFile.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a page that asks fetches of Candor: the loader, then its parts (dist/parts/, as built), as `GET <path>` lines. */
export const candorFiles = () => [
  'GET /dist/candor.js',
  ...readdirSync(join(ROOT, 'dist/parts'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `GET /dist/parts/${f}`),
];
/** What a page view that asks fetches of Candor until the person says yes: all but the code that sends. */
export const candorFilesBeforeYes = () => candorFiles().filter((f) => !f.includes('/parts/sending-'));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Serves the repository read-only on 127.0.0.1 at a free port.
 * `headers(path)` may add response headers (e.g. a Content-Security-Policy).
 * @param {{ headers?: (path: string) => Record<string, string> }} [options]
 */
export async function serve(options = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.includes('..')) return res.writeHead(400).end();
    await sendFile(res, join(ROOT, path), options.headers?.(path));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** Whether Debian's Chromium is installed (CI installs it; `.ci/run`). */
export const hasChromium = () => existsSync(CHROMIUM);

/** Headless, no sandbox and no GPU (containers, root), and nothing that calls home (no network beyond loopback). */
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium with the flags above. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * Starts Chromium on a profile directory (a "device"): closing and relaunching
 * it on the same directory is the next start of the app (DESIGN "Testing notes").
 * `options` are Playwright's context options (a phone: `viewport`, `hasTouch`, `isMobile`).
 * @param {string} dir
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export function launchProfile(dir, options = {}) {
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, ...options });
}

/**
 * Runs axe-core on the page (it audits open shadow roots too) and returns its violations.
 * `page` needs only `evaluate(fn, arg)`: a Playwright page, or a page of any engine
 * (test/browser/engines/).
 */
export async function axe(page) {
  const { source } = await import('axe-core');
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate((content) => {
      const script = document.createElement('script');
      script.textContent = content;
      document.head.append(script);
    }, source);
  }
  return page.evaluate(async () => {
    // @ts-ignore axe is injected above
    const result = await window.axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}
