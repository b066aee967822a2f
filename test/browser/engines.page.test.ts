import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ENGINES, engineMissing, type Page } from './engines/engines.js';
import { axe } from './harness.mjs';
import { events } from './device.js';
import { CARD, cardInPlace, engineSuite, heading, openSurvey, problems } from './engineSuite.js';

// The prompt itself in Chromium, WebKit and Firefox, one engine after
// another: the strict Content Security Policy page (csp.test.ts has the
// Chromium version, with Trusted Types and the nonce fallback) and the
// keyboard-only walk with axe-core (widget.test.ts). The collector serves
// every page and is the endpoint.

const PAGES = '/test/browser/pages';
const POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types 'none'";
const STRICT = new Set([`${PAGES}/csp-engines.html`, `${PAGES}/csp-inline.html`]);
const csp = (path: string) => (STRICT.has(path) ? { 'content-security-policy': POLICY } : undefined);

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}
const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);
/** The card's events so far, by name. */
const seen = async (page: Page) => (await events(page)).map(([e]) => e);
/** Runs in the page: the label (or text, or tag) of what has focus, inside the card's shadow root too. */
const focused = () => {
  const host = document.activeElement;
  const inner = host?.shadowRoot?.activeElement ?? host;
  return inner?.getAttribute('aria-label') || inner?.textContent?.trim() || inner?.tagName;
};

describe.each(ENGINES)('%s', (engine) => {
  describe.skipIf(engineMissing(engine))('the prompt', () => {
    const suite = engineSuite(engine, { headers: csp });

    describe('strict Content Security Policy', () => {
      test('the survey asks and delivers under the strict policy with zero violations', async () => {
        const { c } = suite;
        const page = await suite.browser.newPage();
        await page.goto(c.url + `${PAGES}/csp-engines.html`);
        await page.click(CARD.primary);
        await page.click(CARD.radio(9));
        await page.waitFor(() => document.querySelector('candor-nps')?.shadowRoot?.activeElement?.id === 'comment');
        await page.type('Search is instant.');
        await page.click(CARD.primary);
        await page.waitFor(heading, 'Thank you!');
        // Styled by an adopted stylesheet (style-src 'self' allows no <style> element).
        expect(
          await page.evaluate(() => {
            const root = document.querySelector('candor-nps')!.shadowRoot!;
            return { adopted: root.adoptedStyleSheets.length, styleTags: root.querySelectorAll('style').length };
          }),
        ).toEqual({ adopted: 1, styleTags: 0 });
        await c.waitFor(() => c.stored.size === 1, 10_000, 'the answer');
        expect([...c.stored.values()]).toEqual([
          expect.objectContaining({ survey: 'home', score: 9, category: 'promoter', comment: 'Search is instant.' }),
        ]);
        // Violation reports are queued as tasks. An inline <style> the policy refuses goes last: once
        // its report is in, any report Candor caused before it is in too.
        await page.evaluate(() =>
          document.head.append(Object.assign(document.createElement('style'), { textContent: 'p{}' })),
        );
        await page.waitFor(() => (window as unknown as { cspViolations: unknown[] }).cspViolations.length > 0);
        expect((await violations(page)).map((v) => v.directive)).toEqual([expect.stringMatching(/^style-src/)]);
        // Trusted Types: every engine here has them (Chromium, WebKitGTK 2.50, Firefox 153); with
        // `require-trusted-types-for 'script'` a string reaching an HTML sink throws.
        expect(await page.evaluate(() => 'trustedTypes' in window)).toBe(true);
        expect(
          await page.evaluate(() => {
            try {
              document.createElement('div').innerHTML = '<b>x</b>';
              return 'allowed';
            } catch (error) {
              return (error as Error).name;
            }
          }),
        ).toBe('TypeError');
        expect(await problems(page)).toEqual([]);
      });

      test('the violation recorder catches an inline style and an inline script under the same policy', async () => {
        const page = await suite.browser.newPage();
        await page.goto(suite.c.url + `${PAGES}/csp-inline.html`);
        await page.waitFor(() => (window as unknown as { cspViolations: unknown[] }).cspViolations.length >= 2);
        const directives = (await violations(page)).map((v) => v.directive).sort();
        expect(directives).toEqual([expect.stringMatching(/^script-src/), expect.stringMatching(/^style-src/)]);
        expect(await page.evaluate(() => 'inlineScriptRan' in window)).toBe(false);
      });
    });

    test('answers with the keyboard only, with zero axe violations at every step', async () => {
      const { c } = suite;
      const page = await suite.browser.newPage();
      await openSurvey(page, c, {
        survey: 'home',
        config: { brand: 'Acme Notes', rules: { delayMs: 0 }, consent: { policyUrl: 'https://acme.test/privacy' } },
        record: ['shown', 'consent', 'dismiss', 'submit', 'delivered'],
      });
      await page.waitFor(cardInPlace);
      await page.evaluate(() => document.getElementById('before')!.focus());
      // The card appeared by itself: focus stayed where the person was.
      expect(await page.evaluate(focused)).toBe('Start free trial');
      expect(await axe(page)).toEqual([]);
      const shot = join(tmpdir(), `candor-${engine}-consent.png`);
      await page.screenshot(shot);
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      rmSync(shot);

      // Tab into the card: close button, policy link, then "Yes".
      await page.press('Tab');
      expect(await page.evaluate(focused)).toBe('Close');
      await page.press('Tab');
      await page.press('Tab');
      expect(await page.evaluate(focused)).toBe("Yes, I'll answer");
      await page.press('Enter');

      await page.waitFor(() => !!document.querySelector('candor-nps')?.shadowRoot?.querySelector('[role=radiogroup]'));
      expect(await page.evaluate(focused)).toBe('0');
      expect(await axe(page)).toEqual([]);
      for (let i = 0; i < 8; i++) await page.press('ArrowRight');
      expect(
        await page.evaluate(
          () => document.querySelector('candor-nps')!.shadowRoot!.querySelector('[aria-checked=true]')?.textContent,
        ),
      ).toBe('8');
      await page.press('Enter');

      await page.waitFor(() => document.querySelector('candor-nps')?.shadowRoot?.activeElement?.id === 'comment');
      expect(await page.evaluate(focused)).toBe('TEXTAREA');
      await page.type('Offline sync, please.');
      expect(await axe(page)).toEqual([]);
      await page.press('Tab');
      expect(await page.evaluate(focused)).toBe('Send');
      await page.press('Enter');

      await page.waitFor(heading, 'Thank you!');
      expect(await axe(page)).toEqual([]);
      // "Thank you" shows at once; `submit` fires once the outbox write has committed.
      await expect.poll(() => seen(page)).toEqual(['shown', 'consent', 'submit', 'delivered']);
      expect((await events(page))[2]).toEqual([
        'submit',
        expect.objectContaining({ survey: 'home', score: 8, category: 'passive', comment: 'Offline sync, please.' }),
      ]);

      await page.press('Escape');
      await page.waitFor(() => !document.querySelector('candor-nps'));
      expect(await page.evaluate(focused)).toBe('Start free trial');
      await c.waitFor(() => c.stored.size === 1, 10_000, 'the answer');
      expect([...c.stored.values()]).toEqual([expect.objectContaining({ score: 8, comment: 'Offline sync, please.' })]);
      expect(await problems(page)).toEqual([]);
    });
  });
});
