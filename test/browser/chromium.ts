import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM, hasChromium, launch, serve } from './harness.mjs';

/**
 * True when real-Chromium tests must be skipped: only on a developer machine
 * without Chromium, with the reason printed. Under CI=true a missing Chromium
 * is a failure, never a silent skip.
 */
export function chromiumMissing(): boolean {
  if (hasChromium()) return false;
  if (process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM} (CI=true): .ci/run installs it`);
  console.warn(`[browser tests] skipped: no Chromium at ${CHROMIUM}; install it with "apt-get install -y chromium"`);
  return true;
}

/**
 * A browser and a static server of the repository for the tests of one
 * `describe`: started before them, closed after. Read `suite.browser` and
 * `suite.server` inside the tests.
 */
export function chromiumSuite(options?: Parameters<typeof serve>[0]) {
  const suite = {} as { browser: Browser; server: Awaited<ReturnType<typeof serve>> };
  beforeAll(async () => {
    suite.server = await serve(options);
    suite.browser = await launch();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
