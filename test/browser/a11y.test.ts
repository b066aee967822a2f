import { describe, expect, test } from 'vitest';
import type { BrowserContextOptions } from 'playwright-core';
import { axe } from './harness.mjs';
import { chromiumMissing, chromiumSuite } from './chromium.js';
import { en, type Strings } from '../../src/locales/en.js';
import { ar } from '../../src/locales/ar.js';
import { ja } from '../../src/locales/ja.js';
import { he } from '../../src/locales/he.js';

// Everyone can answer: every step of the prompt, in light, dark, right-to-left and on a 375 px
// touch screen, in English, Arabic, Hebrew and Japanese (languages loaded from their locale files, as a
// site using the script tag would), audited with axe-core (zero violations) and read through the
// accessibility tree (`ariaSnapshot`), so names come out in the person's language.

const TABLES: Record<string, Strings> = { en, ar, ja, he };
const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const fill = (text: string, brand = 'Acme Notes') => text.replace('{brand}', brand);

const MATRIX: [name: string, lang: string, dark: boolean, context: BrowserContextOptions][] = [
  ['light, English, desktop', 'en', false, DESKTOP],
  ['dark, English, desktop', 'en', true, DESKTOP],
  ['light, Arabic (RTL), desktop', 'ar', false, DESKTOP],
  ['dark, Hebrew (RTL), 375 px touch', 'he', true, PHONE],
  ['light, English, 375 px touch', 'en', false, PHONE],
  ['dark, Japanese, 375 px touch', 'ja', true, PHONE],
  ['light, Arabic (RTL), 375 px touch', 'ar', false, PHONE],
];

describe.skipIf(chromiumMissing())('accessibility in Chromium', () => {
  const suite = chromiumSuite();

  async function open(
    lang: string,
    dark: boolean,
    options: BrowserContextOptions,
    extra: Record<string, unknown> = {},
  ) {
    const context = await suite.browser.newContext(options);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
    await page.route('https://collect.acme.test/**', (route) => route.fulfill({ status: 204 }));
    await page.goto(`${suite.server.url}/test/browser/pages/widget.html`);
    if (lang !== 'en') await page.addScriptTag({ url: `/dist/locales/${lang}.js` });
    await page.evaluate((config) => (window as any).Candor.init(config), {
      survey: 'home',
      endpoint: 'https://collect.acme.test/v1/responses',
      brand: 'Acme Notes',
      locale: lang,
      theme: { dark },
      consent: { policyUrl: 'https://acme.test/privacy' },
      ...extra,
    });
    return { page, problems, close: () => context.close() };
  }

  describe.each(MATRIX)('%s', (_, lang, dark, options) => {
    const t = TABLES[lang]!;
    test('every step has zero axe violations and an accessibility tree in the language of the prompt', async () => {
      const { page, problems, close } = await open(lang, dark, options);
      const card = page.getByRole('dialog', { name: t.label });
      await card.waitFor();
      expect(await card.getAttribute('lang')).toBe(lang);
      expect(await card.getAttribute('dir')).toBe(lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr');

      // Consent.
      expect(await axe(page)).toEqual([]);
      let tree = await card.ariaSnapshot();
      expect(tree).toContain(`- heading "${t.consentTitle}"`);
      expect(tree).toContain(`- link "${t.policy}"`);
      expect(tree).toContain(`- button "${t.yes}"`);
      expect(tree).toContain(`- button "${t.no}"`);
      expect(tree).toContain(`- button "${t.close}"`);
      await page.getByRole('button', { name: t.yes }).click();

      // Score: a labelled radio group of 0–10.
      const group = page.getByRole('radiogroup', { name: fill(t.question, 'Acme Notes') });
      await group.waitFor();
      expect(await axe(page)).toEqual([]);
      tree = await card.ariaSnapshot();
      expect(tree).toContain(`- radiogroup "${fill(t.question, 'Acme Notes')}"`);
      for (let n = 0; n <= 10; n++) expect(tree).toMatch(new RegExp(`- radio "${n}"`));
      expect(tree).toContain(t.low);
      expect(tree).toContain(t.high);
      expect(tree).toContain(`- button "${t.next}"`);
      await page.getByRole('radio', { name: '7', exact: true }).click();

      // Follow-up: a labelled text box, hint and counter.
      const box = page.getByRole('textbox', { name: t.passive });
      await box.waitFor();
      expect(await axe(page)).toEqual([]);
      tree = await card.ariaSnapshot();
      expect(tree).toContain(`- textbox "${t.passive}"`);
      expect(tree).toContain(`- button "${t.send}"`);
      expect(tree).toContain(`- button "${t.skip}"`);
      await box.fill('ok');
      await page.getByRole('button', { name: t.send }).click();

      // Thanks.
      await page.getByRole('heading', { name: t.thanks }).waitFor();
      expect(await axe(page)).toEqual([]);
      expect(await card.ariaSnapshot()).toContain(`- heading "${t.thanks}"`);
      expect(problems).toEqual([]);
      await close();
    });
  });

  test('a step change is announced through a polite live region when focus stays put', async () => {
    const { page, close } = await open('en', false, DESKTOP);
    const live = page.locator('candor-nps').locator('[aria-live="polite"]');
    await expect.poll(() => live.textContent()).toBe(en.consentTitle);
    await close();
  });

  test('on a touch screen every control is at least 44 px and the comment box uses a 16 px font (no zoom on focus)', async () => {
    const { page, close } = await open('en', false, PHONE);
    await page.getByRole('button', { name: en.yes }).click();
    await page.getByRole('radiogroup').waitFor();
    for (const radio of await page.getByRole('radio').all()) {
      const box = (await radio.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }
    await page.getByRole('radio', { name: '9' }).click();
    const textbox = page.getByRole('textbox');
    expect(await textbox.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    for (const button of await page.getByRole('dialog').getByRole('button').all()) {
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await close();
  });

  test('on a phone, the bottom sheet rises above the on-screen keyboard (visualViewport) with the comment box in view', async () => {
    const context = await suite.browser.newContext(PHONE);
    // A keyboard the page can see: a visualViewport that shrinks, as mobile browsers report it.
    await context.addInitScript(() => {
      const vv = new EventTarget() as EventTarget & { height: number; width: number; offsetTop: number };
      Object.assign(vv, { height: innerHeight, width: innerWidth, offsetTop: 0 });
      Object.defineProperty(window, 'visualViewport', { value: vv });
      (window as any).__keyboard = (px: number) => {
        vv.height = innerHeight - px;
        vv.dispatchEvent(new Event('resize'));
      };
    });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/test/browser/pages/widget.html`);
    await page.evaluate(() =>
      (window as any).Candor.init({ survey: 'home', endpoint: 'https://collect.acme.test/v1/responses' }),
    );
    await page.getByRole('button', { name: en.yes }).click();
    await page.getByRole('radio', { name: '9' }).click();
    const box = page.getByRole('textbox');
    await box.click();
    await page.evaluate(() => (window as any).__keyboard(300));
    const visible = 740 - 300;
    await expect
      .poll(async () => {
        const b = (await box.boundingBox())!;
        return b.y + b.height;
      })
      .toBeLessThanOrEqual(visible);
    const send = (await page.getByRole('button', { name: en.send }).boundingBox())!;
    expect(send.y + send.height).toBeLessThanOrEqual(visible);
    await page.evaluate(() => (window as any).__keyboard(0));
    await expect
      .poll(async () => {
        const c = (await page.getByRole('dialog').boundingBox())!;
        return c.y + c.height;
      })
      .toBe(740);
    await context.close();
  });

  test('prefers-reduced-motion turns the entrance animation off', async () => {
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const { page, close } = await open('en', false, { ...DESKTOP, reducedMotion });
      const card = page.getByRole('dialog');
      await card.waitFor();
      const name = await card.evaluate((el) => getComputedStyle(el).animationName);
      expect(name).toBe(reducedMotion === 'reduce' ? 'none' : 'candor-in');
      await close();
    }
  });

  test('the prompt appearing moves nothing on the host page (no layout shift)', async () => {
    const context = await suite.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/test/browser/pages/widget.html`);
    const where = () =>
      page.evaluate(() => {
        const r = document.querySelector('h1')!.getBoundingClientRect();
        return [r.top, r.left, document.documentElement.scrollHeight];
      });
    const before = await where();
    await page.evaluate(() =>
      (window as any).Candor.init({ survey: 'home', endpoint: 'https://collect.acme.test/v1/responses' }),
    );
    await page.getByRole('dialog').waitFor();
    expect(await where()).toEqual(before);
    await context.close();
  });

  test('debug mode warns when a theme falls below WCAG AA contrast, and is silent for the defaults', async () => {
    for (const [theme, expected] of [
      [{}, []],
      [{ dark: true }, []],
      [
        { accent: '#ffeb3b' },
        [
          expect.stringMatching(/button text on the accent has a contrast of 1\.\d\d:1, below 4\.5:1 \(WCAG AA\)$/),
          expect.stringMatching(/the accent \(focus ring, selected choice\) has a contrast of 1\.\d\d:1, below 3:1/),
        ],
      ],
      [{ text: '#999999' }, [expect.stringMatching(/^\[Candor\] theme: text has a contrast of 2\.85:1, below 4\.5:1/)]],
    ] as const) {
      const { page, problems, close } = await open('en', false, DESKTOP, {
        theme: { dark: false, ...theme },
        debug: true,
      });
      await page.getByRole('dialog').waitFor();
      expect(problems.filter((p) => p.includes('theme:'))).toEqual(expected);
      await close();
    }
  });
});
