import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, chromiumSuite } from './chromium.js';

// When the prompt appears, in real Chromium with the script tag's data-
// attributes (data-rules-delay-ms="1500", data-rules-url-excludes="/checkout")
// on a single-page app whose own router wraps pushState. With Chromium's
// Navigation API, and with it hidden (the History API wrapper then runs).

describe.skipIf(chromiumMissing())('when the prompt appears, in Chromium', () => {
  const suite = chromiumSuite();

  async function open(options: { navigationApi?: boolean; gpc?: boolean } = {}) {
    const context = await suite.browser.newContext();
    if (options.navigationApi === false)
      await context.addInitScript(() => Object.defineProperty(window, 'navigation', { value: undefined }));
    if (options.gpc)
      await context.addInitScript(() =>
        Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
      );
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => r.url().includes('collect.acme.test') && requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.route('https://collect.acme.test/**', (route) => route.fulfill({ status: 204 }));
    await page.goto(`${suite.server.url}/test/browser/pages/spa.html`);
    return { page, requests, errors, close: () => context.close() };
  }
  const prompts = (page: Page) => page.locator('candor-nps').count();
  const record = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('candor') ?? 'null'));

  describe.each([true, false])('Navigation API present: %s', (navigationApi) => {
    test('navigating to an excluded route before the delay fires: no prompt there; back on an allowed route it comes after the delay', async () => {
      const { page, errors, close } = await open({ navigationApi });
      expect(await page.evaluate(() => 'navigation' in window && !!(window as any).navigation)).toBe(navigationApi);
      await page.waitForTimeout(500);
      await page.getByRole('link', { name: 'Checkout' }).click();
      expect(new URL(page.url()).pathname).toBe('/checkout');
      await page.waitForTimeout(2500);
      expect(await prompts(page)).toBe(0);

      await page.getByRole('link', { name: 'Home' }).click();
      await page.waitForTimeout(700);
      expect(await prompts(page)).toBe(0); // the delay starts again with the new page view
      await page.getByRole('dialog', { name: 'Feedback survey' }).waitFor({ timeout: 3000 });
      // Three page views (load, /checkout, /home), the router's own wrapper saw both routes.
      expect(await record(page)).toEqual({ home: { pageViews: 3, shownAt: expect.any(Number) } });
      expect(await page.evaluate(() => (window as any).routes)).toEqual(['/checkout', '/home']);
      expect(errors).toEqual([]);
      await close();
    });

    test('an untouched prompt is withdrawn when the person navigates to an excluded route', async () => {
      const { page, errors, close } = await open({ navigationApi });
      await page.getByRole('dialog', { name: 'Feedback survey' }).waitFor({ timeout: 3000 });
      await page.getByRole('link', { name: 'Checkout' }).click();
      await expect.poll(() => prompts(page)).toBe(0);
      expect((await record(page)).home.dismissedAt).toBeUndefined();
      expect(errors).toEqual([]);
      await close();
    });
  });

  test('Global Privacy Control on: no prompt, nothing stored, no request', async () => {
    const { page, requests, errors, close } = await open({ gpc: true });
    expect(await page.evaluate(() => (navigator as any).globalPrivacyControl)).toBe(true);
    await page.waitForTimeout(2500);
    await page.getByRole('link', { name: 'Home' }).click();
    await page.waitForTimeout(2000);
    expect(await prompts(page)).toBe(0);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
