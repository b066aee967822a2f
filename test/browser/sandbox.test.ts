import { afterEach, describe, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { chromiumMissing, chromiumSuite } from './chromium.js';
import { referenceCollector } from './referenceCollector.js';
import { startCollector } from './collector.mjs';

// Candor in `<iframe sandbox="allow-scripts">`: an opaque origin, where
// IndexedDB, localStorage and Web Locks all throw SecurityError. Delivery from
// memory to the reference collector is tested in all three engines
// (engines.delivery.test.ts); here, in Chromium, what the person does in the
// frame's own card: a collector that does not list `null` says so (a 403 the
// frame can read) while the answer waits, and what is still unsent when the frame goes away leaves with keepalive.

/** Puts a sandboxed frame on `page` that loads candor.js from `base` and starts a survey. */
async function sandboxed(page: Page, base: string, endpoint: string): Promise<Frame> {
  await page.setContent('<!doctype html><title>host</title><main id="host"></main>');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
    <script src="${base}/dist/candor.js"></script></head><body><script>
      window.events = [];
      const nps = (window.nps = Candor.init({ survey: 'framed', endpoint: '${endpoint}', rules: { delayMs: 0 } }));
      for (const e of ['submit', 'delivered', 'dropped', 'error']) nps.on(e, (d) => events.push([e, d]));
    </script></body></html>`;
  await page.evaluate((srcdoc) => {
    const frame = document.createElement('iframe');
    frame.sandbox.add('allow-scripts');
    frame.style.cssText = 'width: 480px; height: 640px';
    frame.srcdoc = srcdoc;
    document.getElementById('host')!.append(frame);
  }, html);
  const frame = await expect
    .poll(() => page.frames().find((f) => f !== page.mainFrame()))
    .toBeDefined()
    .then(() => page.frames().find((f) => f !== page.mainFrame())!);
  await frame.waitForFunction(() => 'events' in window);
  return frame;
}

/** Answers the prompt in the frame through its UI: yes, 9, skip the comment. */
async function answer(frame: Frame) {
  await frame.getByRole('button', { name: "Yes, I'll answer" }).click();
  await frame.getByRole('radio', { name: '9' }).click();
  await frame.getByRole('button', { name: 'Skip' }).click();
  await frame.getByText('Thank you').waitFor();
}

type Event = [string, { id?: string; ids?: string[]; message?: string }];
const events = (frame: Frame) => frame.evaluate(() => (window as unknown as { events: Event[] }).events);

describe.skipIf(chromiumMissing())('a sandboxed iframe (opaque origin) in Chromium', () => {
  const suite = chromiumSuite();
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  test('without null in CANDOR_ORIGINS the collector refuses the frame with a 403 it can read: an error names the refused origin, and the answer stays in the frame', async () => {
    const collector = await referenceCollector({ CANDOR_ORIGINS: 'https://shop.example.com' });
    closers.push(() => collector.close());
    const page = await suite.browser.newPage();
    closers.push(() => page.close());
    const frame = await sandboxed(page, suite.server.url, collector.endpoint);
    await answer(frame);
    // The refusal carries CORS for the frame's origin, so the widget reads the 403 and its
    // sentence instead of taking it for a network error and retrying for ever.
    const errors = async () => (await events(frame)).filter(([e]) => e === 'error').map(([, d]) => d.message);
    // (The first error is the storage mode: an opaque origin has no IndexedDB.)
    await expect
      .poll(errors)
      .toEqual([
        expect.stringMatching(/^storage fell back to memory/),
        expect.stringContaining('answered 403 (origin: "null" is not allowed here (CANDOR_ORIGINS)): check'),
      ]);
    const stored = await frame.evaluate(async () => {
      const nps = (window as unknown as { nps: { export(): Promise<{ answers: unknown[] }> } }).nps;
      return (await nps.export()).answers;
    });
    expect(stored).toHaveLength(1);
    expect(collector.ids()).toEqual([]);
  });

  test('an answer still unsent when the frame goes away leaves with keepalive at pagehide', async () => {
    const c = await startCollector();
    closers.push(() => c.close());
    const page = await suite.browser.newPage();
    closers.push(() => page.close());
    // The endpoint fails while the person answers: the answer waits in the frame's memory.
    c.set('fail');
    const frame = await sandboxed(page, suite.server.url, c.endpoint);
    await answer(frame);
    const id = (await events(frame)).find(([e]) => e === 'submit')![1].id!;
    await c.waitFor(() => c.log.some((e) => e.ids.includes(id)), 5000, 'the failed try');
    c.set('ok');
    // The frame is removed (its page hides and goes): only a keepalive request can still carry it.
    await page.evaluate(() => document.querySelector('iframe')!.remove());
    await c.waitFor(() => c.stored.has(id), 5000, 'the answer, sent at pagehide');
    expect(c.log.filter((e) => e.ids.includes(id)).at(-1)!.headers.origin).toBe('null');
  });
});
