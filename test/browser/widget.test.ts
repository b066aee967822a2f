import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axe } from './harness.mjs';
import { chromiumMissing, chromiumSuite } from './chromium.js';

// The built IIFE (dist/candor.js, minified and property-mangled) in real Chromium.
describe.skipIf(chromiumMissing())('script tag in Chromium', () => {
  const suite = chromiumSuite();

  async function open(config: Record<string, unknown>, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await suite.browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    (page as Page & { problems: string[] }).problems = problems;
    // The endpoint: a stand-in that stores nothing and answers 204, as a collector would.
    const posted: unknown[] = [];
    (page as Page & { posted: unknown[] }).posted = posted;
    await page.route('https://collect.acme.test/**', (route) => {
      posted.push(JSON.parse(route.request().postData() ?? 'null'));
      return route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*' } });
    });
    await page.goto(`${suite.server.url}/test/browser/pages/widget.html`);
    await page.evaluate((c) => {
      const w = window as unknown as { events: unknown[]; nps: unknown; Candor: { init(c: unknown): any } };
      w.events = [];
      const nps = w.Candor.init(c);
      for (const e of ['shown', 'consent', 'submit', 'dismiss']) nps.on(e, (d: unknown) => w.events.push([e, d]));
      w.nps = nps;
    }, config);
    return page;
  }
  const events = (page: Page) => page.evaluate(() => (window as unknown as { events: unknown[] }).events);
  const focused = (page: Page) =>
    page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement ?? host;
      return inner?.getAttribute('aria-label') || inner?.textContent?.trim() || inner?.tagName;
    });

  test('answers with the keyboard only, with zero axe violations at every step', async () => {
    const page = await open({
      survey: 'home',
      endpoint: 'https://collect.acme.test/v1/responses',
      brand: 'Acme Notes',
      consent: { policyUrl: 'https://acme.test/privacy' },
    });
    await page.locator('#before').focus();
    const card = page.getByRole('dialog', { name: 'Feedback survey' });
    await card.waitFor();
    // The card appeared by itself: focus stayed where the person was.
    expect(await focused(page)).toBe('Start free trial');
    expect(await axe(page)).toEqual([]);

    // Tab into the card: close button, policy link, then "Yes".
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Close');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe("Yes, I'll answer");
    await page.keyboard.press('Enter');

    const group = page.getByRole('radiogroup', {
      name: 'How likely are you to recommend Acme Notes to a friend or colleague?',
    });
    await group.waitFor();
    expect(await focused(page)).toBe('0');
    expect(await axe(page)).toEqual([]);
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '8', checked: true }).count()).toBe(1);
    await page.keyboard.press('Enter');

    const box = page.getByRole('textbox', { name: 'What would make it a 10 for you?' });
    await box.waitFor();
    expect(await focused(page)).toBe('TEXTAREA');
    await page.keyboard.type('Offline sync, please.');
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Send');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    expect(await axe(page)).toEqual([]);
    // "Thank you" shows at once; `submit` fires once the outbox write has committed.
    await expect
      .poll(() => events(page))
      .toEqual([
        ['shown', { survey: 'home' }],
        ['consent', { granted: true }],
        [
          'submit',
          expect.objectContaining({ survey: 'home', score: 8, category: 'passive', comment: 'Offline sync, please.' }),
        ],
      ]);

    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await page.locator('candor-nps').count()).toBe(0);
    expect(await focused(page)).toBe('Start free trial');
    expect((page as Page & { problems: string[] }).problems).toEqual([]);
    // The answer went out as one batch in the wire format.
    const posted = (page as Page & { posted: { v: number; responses: { score: number }[] }[] }).posted;
    await expect.poll(() => posted.length).toBe(1);
    expect(posted[0]).toMatchObject({ v: 1, responses: [{ score: 8, comment: 'Offline sync, please.' }] });
    await page.close();
  });

  test('the axe audit sees inside the shadow root (so zero violations means something)', async () => {
    const page = await open({ survey: 'home', endpoint: 'https://collect.acme.test/v1' });
    await page.getByRole('dialog').waitFor();
    await page.evaluate(() => {
      const card = document.querySelector('candor-nps')!.shadowRoot!.querySelector('section')!;
      card.append(document.createElement('button'));
    });
    expect((await axe(page)).map((v: { id: string }) => v.id)).toContain('button-name');
    await page.close();
  });

  test('styles come from an adopted stylesheet, not a <style> element', async () => {
    const page = await open({ survey: 'home', endpoint: 'https://collect.acme.test/v1' });
    await page.getByRole('dialog').waitFor();
    const styling = await page.evaluate(() => {
      const root = document.querySelector('candor-nps')!.shadowRoot!;
      return { adopted: root.adoptedStyleSheets.length, styleTags: root.querySelectorAll('style').length };
    });
    expect(styling).toEqual({ adopted: 1, styleTags: 0 });
    await page.close();
  });

  test('the host page font size, direction, colour and line height do not leak into the card', async () => {
    const page = await open({ survey: 'home', endpoint: 'https://collect.acme.test/v1' });
    await page.addStyleTag({ content: 'html { direction: rtl; font-size: 40px; color: red; line-height: 5; }' });
    const h2 = page.getByRole('heading', { name: 'May we ask you one quick question?' });
    const style = await h2.evaluate((el) => {
      const s = getComputedStyle(el);
      return { fontSize: s.fontSize, direction: s.direction, color: s.color, lineHeight: s.lineHeight };
    });
    expect(style).toEqual({ fontSize: '17px', direction: 'ltr', color: 'rgb(27, 27, 31)', lineHeight: '22.95px' });
    await page.close();
  });

  test('wraps the scale into two rows of at least 44 px targets on a 375 px touch screen', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 375, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/test/browser/pages/widget.html`);
    await page.evaluate(() =>
      (window as unknown as { Candor: { init(c: unknown): unknown } }).Candor.init({
        survey: 'm',
        endpoint: 'https://x.test/c',
      }),
    );
    await page.getByRole('button', { name: "Yes, I'll answer" }).tap();
    const boxes = await page
      .getByRole('radio')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()));
    expect(boxes).toHaveLength(11);
    for (const box of boxes) {
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    const rows = new Set(boxes.map((b) => Math.round(b.top)));
    expect(rows.size).toBe(2);
    expect(boxes.filter((b) => Math.round(b.top) === Math.round(boxes[0].top))).toHaveLength(6);
    // The floating card is a bottom sheet: full width, flush with the bottom.
    const sheet = await page.getByRole('dialog').evaluate((el) => el.getBoundingClientRect().toJSON());
    expect(sheet.width).toBe(375);
    expect(Math.round(sheet.bottom)).toBe(740);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
