import { afterEach, describe, expect, test } from 'vitest';
import { ENGINES, engineMissing, type Page } from './engines/engines.js';
import { events, submit, waiting } from './device.js';
import { CARD, engineSuite, heading, openSurvey, problems } from './engineSuite.js';
import { axe } from './harness.mjs';
import { referenceCollector } from './referenceCollector.js';
import { findPostgres, startPostgres } from '../collector/postgres.js';

// Taking an answer back after it was sent (config `withdraw`) and leaving an
// address for a reply (config `contact`), in Chromium, WebKit and Firefox,
// against the reference collector over real HTTP: the thank-you step's "Delete
// my answer" and the contact step by keyboard with axe, and forget() called
// while the collector is unreachable, carried across the app's next start.

const RECORD = ['shown', 'consent', 'submit', 'delivered', 'withdrawn', 'dropped', 'error'];
const CONFIG = { withdraw: {}, followUp: false, rules: { delayMs: 0 } };
const names = async (page: Page) => (await events(page)).map(([e]) => e);

describe.each(ENGINES)('%s', (engine) => {
  describe.skipIf(engineMissing(engine))('withdraw', () => {
    const suite = engineSuite(engine);
    const closing: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const close of closing.splice(0).reverse()) await close();
    });
    /** A survey page sending to `ref`, recording every event of `RECORD`. */
    const open = async (ref: { endpoint: string }, config: Record<string, unknown>) =>
      openSurvey(await suite.browser.newPage(), suite.c, { endpoint: ref.endpoint, config, record: RECORD });
    /**
     * From the thank-you step with focus on its heading: Tab to "Delete my
     * answer", Enter; the collector confirms, and nothing went wrong on the way.
     */
    async function deleteByKeyboard(page: Page, ref: Awaited<ReturnType<typeof reference>>) {
      await page.press('Tab');
      expect(
        await page.evaluate(() => document.querySelector('candor-nps')!.shadowRoot!.activeElement?.textContent),
      ).toBe('Changed your mind? Delete my answer');
      await page.press('Enter');
      await page.waitFor(heading, 'Your answer was withdrawn');
      await expect.poll(() => names(page), { timeout: 10_000 }).toContain('withdrawn');
      expect(await ref.stored('engines')).toEqual([]);
      expect(ref.ids()).toEqual([]);
      expect((await events(page)).filter(([e]) => e === 'error' || e === 'dropped')).toEqual([]);
      expect(await problems(page)).toEqual([]);
    }
    /** The reference collector on SQLite (or `env`'s database), accepting the test pages' origin. */
    async function reference(env: Record<string, string> = {}) {
      const ref = await referenceCollector({ CANDOR_ORIGINS: suite.c.url, ...env });
      closing.push(() => ref.close());
      return ref;
    }

    test('"Delete my answer" on the thank-you step, by keyboard: the answer leaves the collector, and axe finds nothing', async () => {
      const ref = await reference();
      const page = await open(ref, CONFIG);
      await page.click(CARD.primary);
      await page.click(CARD.radio(2));
      await page.waitFor(heading, 'Thank you!');
      await expect.poll(() => names(page), { timeout: 10_000 }).toContain('delivered');
      const id = ((await events(page)).find(([e]) => e === 'submit')![1] as { id: string }).id;
      expect(await ref.stored('engines')).toEqual([id]);
      expect(await axe(page)).toEqual([]);
      // Focus is on the heading: the next Tab stop is the button.
      await deleteByKeyboard(page, ref);
    });

    test('the contact step by keyboard (axe finds nothing, an invalid address is named inline); the address is stored apart, and withdrawing the answer deletes it too', async () => {
      const ref = await reference();
      const page = await open(ref, { ...CONFIG, contact: { enabled: true } });
      await page.click(CARD.primary);
      await page.click(CARD.radio(1));
      await page.waitFor(heading, 'May we get back to you about this?');
      // Focus is in the address field.
      const focused = () => page.evaluate(() => document.querySelector('candor-nps')!.shadowRoot!.activeElement?.id);
      expect(await focused()).toBe('email');
      expect(await axe(page)).toEqual([]);
      await page.type('sam at example');
      await page.press('Enter');
      await page.waitFor(() => !!document.querySelector('candor-nps')!.shadowRoot!.querySelector('[role=alert]'));
      expect(await axe(page)).toEqual([]);
      await page.evaluate(() => {
        const input = document.querySelector('candor-nps')!.shadowRoot!.querySelector('input')!;
        input.select();
      });
      await page.type('sam@example.com');
      await page.press('Enter');
      await page.waitFor(heading, 'Thank you!');
      await expect.poll(() => ref.emails(), { timeout: 10_000 }).toEqual(['sam@example.com']);
      const id = ((await events(page)).find(([e]) => e === 'submit')![1] as { id: string }).id;
      expect(await ref.stored('engines')).toEqual([id]);
      await deleteByKeyboard(page, ref);
      expect(ref.emails()).toEqual([]);
    });

    test('forget() while the collector is unreachable: queued, kept across the next start, and the answer is deleted once it is back', async () => {
      const ref = await reference();
      const page = await open(ref, { withdraw: {} });
      const [id] = await submit(page, 1);
      await expect.poll(() => ref.stored('engines'), { timeout: 10_000 }).toEqual([id]);
      await ref.stop();
      await page.evaluate(() => (window as unknown as { nps: { forget(): Promise<void> } }).nps.forget());
      expect(await waiting(page)).toEqual([]);
      await browserRestart();
      await ref.restart();
      const again = await open(ref, { withdraw: {} });
      await expect.poll(() => names(again), { timeout: 15_000 }).toContain('withdrawn');
      expect(await ref.stored('engines')).toEqual([]);
      expect(
        await again.evaluate(async () => {
          const data = await (
            window as unknown as { nps: { export(): Promise<Record<string, unknown>> } }
          ).nps.export();
          return [data.answers, data.receipts ?? null, data.withdrawals ?? null];
        }),
      ).toEqual([[], null, null]);
      expect(await problems(again)).toEqual([]);
    });
    const browserRestart = () => suite.browser.restart();

    test.runIf(engine === 'chromium')(
      'PostgreSQL: forget() deletes a delivered answer from the reference collector',
      async () => {
        const bin = findPostgres();
        if (!bin) {
          if (process.env.CI === 'true') throw new Error('PostgreSQL is missing with CI=true: .ci/run installs it');
          return console.warn('[browser tests] PostgreSQL skipped: apt-get install -y postgresql');
        }
        const pg = await startPostgres(bin);
        closing.push(() => pg.stop());
        const ref = await reference({ DATABASE_URL: pg.url });
        const page = await open(ref, { withdraw: {} });
        const [id, other] = await submit(page, 2);
        await expect
          .poll(() => ref.stored('engines'), { timeout: 10_000 })
          .toEqual(expect.arrayContaining([id, other]));
        await page.evaluate(() => (window as unknown as { nps: { forget(): Promise<void> } }).nps.forget());
        await expect.poll(() => names(page), { timeout: 10_000 }).toContain('withdrawn');
        await expect.poll(() => ref.stored('engines')).toEqual([]);
      },
    );
  });
});
