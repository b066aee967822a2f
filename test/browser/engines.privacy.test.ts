import { describe, expect, test } from 'vitest';
import { ENGINES, engineMissing, type Page } from './engines/engines.js';
import { events } from './device.js';
import { audit, hideForGood, onlyThrottle, type Audit } from './audit.js';
import { BARE, CARD, cardInPlace, engineSuite, openSurvey, problems } from './engineSuite.js';
import { candorFiles, candorFilesBeforeYes } from './harness.mjs';

// The privacy audit in Chromium, WebKit and Firefox, one engine after another
// (DESIGN "Consent and privacy rules"; faults.test.ts has the Chromium
// version): before "yes" no IndexedDB database is opened and nothing is sent;
// after it, the answer alone. The page records every storage write and every
// way to send (audit.ts); the collector, which serves the pages and is the
// endpoint, logs every request the browser makes to the origin.

const PAGES = '/test/browser/pages';
/** The card's events so far, by name. */
const seen = async (page: Page) => (await events(page)).map(([e]) => e);

describe.each(ENGINES)('%s', (engine) => {
  describe.skipIf(engineMissing(engine))('privacy audit', () => {
    const suite = engineSuite(engine);
    // In any order: the parts' files are fetched side by side.
    const PAGE_FILES = [`GET ${BARE}`, `GET ${PAGES}/record-problems.js`, ...candorFiles()].toSorted();
    /** Until the person says yes: the code that sends is fetched only then. */
    const BEFORE_YES = [`GET ${BARE}`, `GET ${PAGES}/record-problems.js`, ...candorFilesBeforeYes()].toSorted();
    const NONE = `${PAGES}/none.html`;
    /** The page, with every storage write and every way to send recorded before candor.js loads. */
    const audited = async (cookie = false, extra: Record<string, unknown> = {}) => {
      const page = await suite.browser.newPage();
      await openSurvey(page, suite.c, {
        survey: 'audit',
        config: { brand: 'Acme Notes', rules: { delayMs: 0 }, ...extra },
        record: ['shown', 'consent', 'dismiss', 'submit', 'delivered'],
        probe: false,
        prepare: async () => {
          // The host site's own session cookie: it must not travel with an answer.
          if (cookie) await page.evaluate(() => void (document.cookie = 'session=abc123; path=/'));
          await page.evaluate(audit);
        },
      });
      await page.waitFor(cardInPlace);
      return page;
    };
    /** The audit log, once the tasks queued so far have run. */
    const read = (page: Page) =>
      page.evaluate(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        return (window as unknown as { __audit: Audit }).__audit;
      });
    /**
     * After the page is closed: a new page on the origin (a 404, no Candor)
     * finds no database, and its request is the collector's proof that
     * nothing the closed page sent can still arrive unseen: every request
     * before it is a page file.
     */
    async function nothingLeft(expected: string[]) {
      const { c } = suite;
      const page = await suite.browser.newPage();
      await page.goto(c.url + NONE);
      expect(await page.evaluate(() => indexedDB.databases())).toEqual([]);
      expect(c.requests.slice(0, c.requests.indexOf(`GET ${NONE}`)).toSorted()).toEqual(expected);
      expect(c.stats.requests).toBe(0);
    }
    const NOTHING = { idbOpen: [], setItem: [], fetch: [], beacon: [], xhr: [], cookie: [] };

    test.each([
      ['', {}],
      [' (withdraw on: no receipt either)', { withdraw: {} }],
    ])('a person who declines%s: no IndexedDB, no request but the page files, nothing sent', async (_, extra) => {
      const page = await audited(false, extra);
      await page.click(CARD.secondary);
      await page.waitFor(() => (window as unknown as { events: unknown[] }).events.length >= 3);
      expect(await seen(page)).toEqual(['shown', 'consent', 'dismiss']);
      await page.evaluate(hideForGood);
      const log = await read(page);
      expect({ ...log, setItem: [] }).toEqual(NOTHING);
      onlyThrottle(log.setItem);
      expect(await problems(page)).toEqual([]);
      await page.close();
      await nothingLeft(BEFORE_YES);
    });

    test('a person who stops before "yes": no IndexedDB, no request but the page files, nothing sent', async () => {
      const page = await audited();
      expect(await seen(page)).toEqual(['shown']);
      await page.evaluate(hideForGood);
      const log = await read(page);
      expect({ ...log, setItem: [] }).toEqual(NOTHING);
      onlyThrottle(log.setItem);
      expect(await seen(page)).toEqual(['shown']);
      expect(await problems(page)).toEqual([]);
      await page.close();
      await nothingLeft(BEFORE_YES);
    });

    test('a person who answers: IndexedDB opened and the answer POSTed, nothing else', async () => {
      const { c } = suite;
      const page = await audited(true);
      expect(await page.evaluate(() => document.cookie)).toContain('session=abc123');
      await page.click(CARD.primary);
      await page.click(CARD.radio(9));
      await page.waitFor(() => document.querySelector('candor-nps')?.shadowRoot?.activeElement?.id === 'comment');
      await page.type('Love the offline mode.');
      await page.click(CARD.primary);
      await c.waitFor(() => c.stored.size === 1, 10_000, 'the answer');
      await expect.poll(() => seen(page)).toEqual(['shown', 'consent', 'submit', 'delivered']);
      const log = await read(page);
      expect(new Set(log.idbOpen)).toEqual(new Set(['candor']));
      expect(log.fetch).toEqual([c.endpoint]);
      expect({ beacon: log.beacon, xhr: log.xhr, cookie: log.cookie }).toEqual({ beacon: [], xhr: [], cookie: [] });
      expect(c.requests.slice(0, -1).toSorted()).toEqual(PAGE_FILES);
      expect(c.requests.at(-1)).toBe('POST /v1/responses');
      // A CORS-simple text/plain POST, without the site's cookie and without a Referer.
      expect(c.log.map((e) => e.headers)).toEqual([
        { contentType: 'text/plain;charset=UTF-8', cookie: undefined, referer: undefined, origin: c.url },
      ]);
      expect([...c.stored.values()]).toEqual([
        expect.objectContaining({
          survey: 'audit',
          score: 9,
          category: 'promoter',
          comment: 'Love the offline mode.',
        }),
      ]);
      // Withdrawing is off by default: the wire carries no proof.
      expect([...c.stored.values()][0]).not.toHaveProperty('proof');
      expect(c.stats.invalid).toBe(0);
      expect(await problems(page)).toEqual([]);
    });
  });
});
