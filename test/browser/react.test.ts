import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumMissing, chromiumSuite } from './chromium.js';

// candor-nps/react as an app bundles it: the built dist/react.mjs, its `candor-nps` import
// resolved to the built main entry, React's development build (StrictMode mounts, unmounts
// and mounts again only there), all bundled by esbuild and served to real Chromium.
const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));
const APP = `
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { NpsPrompt } from 'candor-nps/react';

const events = (window.events = []);
// Every prompt host ever added to the page, kept or removed since.
window.added = 0;
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'CANDOR-NPS') window.added++;
}).observe(document.body, { childList: true });

const root = createRoot(document.body.appendChild(document.createElement('div')));
root.render(
  createElement(
    StrictMode,
    null,
    createElement(NpsPrompt, {
      survey: 'home',
      endpoint: 'https://collect.acme.test/v1/responses',
      events: { shown: (data) => events.push(['shown', data]), submit: (data) => events.push(['submit', data]) },
    }),
  ),
);
window.unmountApp = () => root.unmount();
`;

describe.skipIf(chromiumMissing())('candor-nps/react in Chromium', () => {
  const suite = chromiumSuite();
  let app = '';
  /** Which file the built react entry's `candor-nps` import became. */
  let mainFrom = '';

  beforeAll(async () => {
    const packageEntries: Plugin = {
      name: 'candor-nps entries from dist',
      setup(b) {
        b.onResolve({ filter: /^candor-nps(\/react)?$/ }, (args) => {
          const path = dist(args.path === 'candor-nps' ? 'index.mjs' : 'react.mjs');
          if (args.path === 'candor-nps' && args.importer === dist('react.mjs')) mainFrom = path;
          return { path };
        });
      },
    };
    const result = await build({
      stdin: { contents: APP, resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: [packageEntries],
      logLevel: 'silent',
    });
    app = result.outputFiles[0]!.text;
  });

  test('under StrictMode one card appears, answering it stores the answer, and unmounting removes it', async () => {
    expect(mainFrom).toBe(dist('index.mjs'));
    const page = await suite.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    const posted: { responses: { score: number }[] }[] = [];
    await page.route('https://collect.acme.test/**', (route) => {
      posted.push(JSON.parse(route.request().postData() ?? 'null'));
      return route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*' } });
    });
    await page.route('**/react-app.js', (route) => route.fulfill({ body: app, contentType: 'text/javascript' }));
    await page.goto(`${suite.server.url}/test/browser/pages/bare.html`);
    await page.addScriptTag({ url: '/react-app.js', type: 'module' });

    const card = page.getByRole('dialog', { name: 'Feedback survey' });
    await card.waitFor();
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await page.getByRole('radio', { name: '9' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    const events = () => page.evaluate(() => (window as unknown as { events: unknown[] }).events);
    await expect.poll(events).toEqual([
      ['shown', { survey: 'home' }],
      ['submit', expect.objectContaining({ survey: 'home', score: 9, category: 'promoter' })],
    ]);
    await expect.poll(() => posted.flatMap((batch) => batch.responses.map((r) => r.score))).toEqual([9]);
    expect(await page.locator('candor-nps').count()).toBe(1);

    await page.evaluate(() => (window as unknown as { unmountApp(): void }).unmountApp());
    expect(await page.locator('candor-nps').count()).toBe(0);
    // One prompt at a time: an instance left alive by StrictMode's first mount would draw its
    // card now that this one closed. None does, and only one was ever drawn.
    await page.waitForTimeout(300);
    expect(await page.locator('candor-nps').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { added: number }).added)).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});
