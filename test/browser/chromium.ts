import { CHROMIUM, hasChromium } from './harness.mjs';

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
