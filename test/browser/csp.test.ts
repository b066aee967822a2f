import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, serve } from './harness.mjs';
import { chromiumMissing } from './chromium.js';
import { de } from '../../src/locales/de.js';

// The built script tag on pages served with a strict Content Security Policy:
// no inline script, no nonce, Trusted Types required. Violations are
// seen twice: `securitypolicyviolation` events recorded by pages/csp-watch.js, and
// Chromium's console messages about the policy.

// The endpoint the pages name in data-endpoint / Candor.init.
const COLLECTOR = 'https://collect.acme.test';
const PAGES = '/test/browser/pages';
const policy = (styleSrc: string) =>
  `default-src 'self'; script-src 'self'; style-src ${styleSrc}; connect-src 'self' ${COLLECTOR}; ` +
  `require-trusted-types-for 'script'; trusted-types 'none'`;
const POLICIES: Record<string, string> = {
  [`${PAGES}/csp.html`]: policy("'self'"),
  [`${PAGES}/csp-inline.html`]: policy("'self'"),
  [`${PAGES}/csp-locale.html`]: policy("'self'"),
  [`${PAGES}/csp-nonce.html`]: policy("'nonce-abc'"),
  // No host trusted: the loader's tag by its nonce, and its parts because it imports them ('strict-dynamic').
  [`${PAGES}/csp-strict-dynamic.html`]: policy("'self'").replace(
    "script-src 'self'",
    "script-src 'nonce-r4nd' 'strict-dynamic'",
  ),
};
const ACCENT = 'rgb(11, 87, 208)';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}
interface Opened {
  page: Page;
  /** Console messages about the policy or Trusted Types. */
  cspConsole: string[];
  /** Errors thrown into the page, and other console errors. */
  problems: string[];
  /** Bodies POSTed to the endpoint. */
  posted: { v: number; responses: Record<string, unknown>[] }[];
}

describe.skipIf(chromiumMissing())('strict Content Security Policy in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    server = await serve({
      headers: (path): Record<string, string> => (POLICIES[path] ? { 'content-security-policy': POLICIES[path] } : {}),
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    const opened: Opened = { page, cspConsole: [], problems: [], posted: [] };
    page.on('pageerror', (error) => opened.problems.push(error.message));
    page.on('console', (msg) => {
      if (/Content Security Policy|Trusted Type/i.test(msg.text())) opened.cspConsole.push(msg.text());
      else if (msg.type() === 'error') opened.problems.push(msg.text());
    });
    // The endpoint: a stand-in answering 204 like a collector. Routing happens in the
    // network layer, after Blink has checked connect-src, so the policy still applies.
    await page.route(`${COLLECTOR}/**`, (route) => {
      opened.posted.push(JSON.parse(route.request().postData() ?? 'null'));
      return route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*' } });
    });
    await page.goto(server.url + path);
    return opened;
  }
  const violations = (page: Page) =>
    page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);
  // Violation events are queued as tasks: let one more pass before counting them.
  const settle = (page: Page) => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));

  test.each([
    ['', 'csp.html'],
    [" (script-src 'nonce-…' 'strict-dynamic')", 'csp-strict-dynamic.html'],
  ])(
    'the data-attribute script tag asks and delivers under the strict policy%s with zero violations',
    async (_, file) => {
      const { page, cspConsole, problems, posted } = await open(`${PAGES}/${file}`);
      await page.getByRole('button', { name: "Yes, I'll answer" }).click();
      await page.getByRole('radio', { name: '9' }).click();
      await page.getByRole('textbox', { name: 'What do you like most?' }).waitFor();
      await page.keyboard.type('Search is instant.');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('heading', { name: 'Thank you!' }).waitFor();

      // Styled by an adopted stylesheet (style-src 'self' allows no <style> element).
      const styling = await page.getByRole('button', { name: 'Close' }).evaluate((el) => {
        const root = el.getRootNode() as ShadowRoot;
        return { adopted: root.adoptedStyleSheets.length, styleTags: root.querySelectorAll('style').length };
      });
      expect(styling).toEqual({ adopted: 1, styleTags: 0 });
      await expect.poll(() => posted.length).toBe(1);
      expect(posted[0]).toMatchObject({
        v: 1,
        responses: [{ survey: 'home', score: 9, category: 'promoter', comment: 'Search is instant.' }],
      });
      await settle(page);
      expect(await violations(page)).toEqual([]);
      expect(cspConsole).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  test('a language loaded as a locale file (no script injection) works under the strict policy', async () => {
    const { page, cspConsole, problems, posted } = await open(`${PAGES}/csp-locale.html`);
    const card = page.getByRole('dialog', { name: de.label });
    await card.waitFor();
    expect(await card.getAttribute('lang')).toBe('de');
    await page.getByRole('button', { name: de.yes }).click();
    await page.getByRole('radio', { name: '10' }).click();
    await page.getByRole('button', { name: de.skip }).click();
    await page.getByRole('heading', { name: de.thanks }).waitFor();
    await expect.poll(() => posted.length).toBe(1);
    expect(posted[0]!.responses[0]).toMatchObject({ score: 10, locale: 'de' });
    await settle(page);
    expect(await violations(page)).toEqual([]);
    expect(cspConsole).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the violation recorder catches an inline style and an inline script under the same policy', async () => {
    const { page, cspConsole } = await open(`${PAGES}/csp-inline.html`);
    await settle(page);
    expect((await violations(page)).map((v) => v.directive).sort()).toEqual(['script-src-elem', 'style-src-elem']);
    expect(await page.evaluate(() => 'inlineScriptRan' in window)).toBe(false);
    expect(cspConsole).toHaveLength(2);
    await page.close();
  });

  test('without constructable stylesheets the card is styled by a <style> with the configured nonce', async () => {
    const { page, cspConsole, problems } = await open(`${PAGES}/csp-nonce.html?nonce=abc`);
    const yes = page.getByRole('button', { name: "Yes, I'll answer" });
    await yes.waitFor();
    const styled = await yes.evaluate((el) => {
      const root = el.getRootNode() as ShadowRoot;
      return {
        constructable: 'adoptedStyleSheets' in root,
        styleTags: root.querySelectorAll('style').length,
        background: getComputedStyle(el).backgroundColor,
      };
    });
    // Not the UA's default button face: the fallback stylesheet applied.
    expect(styled).toEqual({ constructable: false, styleTags: 1, background: ACCENT });
    await settle(page);
    expect(await violations(page)).toEqual([]);
    expect(cspConsole).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a fallback <style> with the wrong nonce is refused, reported and leaves the card unstyled', async () => {
    const { page, cspConsole } = await open(`${PAGES}/csp-nonce.html?nonce=wrong`);
    const yes = page.getByRole('button', { name: "Yes, I'll answer" });
    await yes.waitFor();
    expect(await yes.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(ACCENT);
    await settle(page);
    expect((await violations(page)).map((v) => v.directive)).toEqual(['style-src-elem']);
    expect(cspConsole).toHaveLength(1);
    await page.close();
  });
});
