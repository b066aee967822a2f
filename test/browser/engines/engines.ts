import { existsSync } from 'node:fs';
import { CHROMIUM } from '../harness.mjs';
import { launchChromium } from './chromium.js';
import { FIREFOX, launchFirefox } from './firefox.js';
import { launchWebKit, WEBKIT_DRIVER } from './webkit.js';
import type { Browser, EngineName } from './types.js';

export type { Browser, EngineName, Key, Page } from './types.js';

/** Every engine the cross-engine tests run in, in the order they run. */
export const ENGINES: readonly EngineName[] = ['chromium', 'webkit', 'firefox'];

/** What each engine needs on the machine, and the Debian packages that bring it (`.ci/run` installs them). */
const NEEDS: Record<EngineName, { files: string[]; install: string }> = {
  chromium: { files: [CHROMIUM], install: 'apt-get install -y chromium' },
  webkit: { files: [WEBKIT_DRIVER, '/usr/bin/Xvfb'], install: 'apt-get install -y webkit2gtk-driver xvfb xauth' },
  firefox: { files: [FIREFOX], install: 'apt-get install -y firefox-esr' },
};

/**
 * True when the tests of `engine` must be skipped: only on a developer
 * machine that lacks it, with the reason printed. Under CI=true a missing
 * engine is a failure, never a silent skip (like `chromiumMissing()`).
 */
export function engineMissing(engine: EngineName): boolean {
  const { files, install } = NEEDS[engine];
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length === 0) return false;
  if (process.env.CI === 'true') {
    throw new Error(`${engine} is missing (${missing.join(', ')}) with CI=true: .ci/run installs it`);
  }
  console.warn(`[browser tests] ${engine} skipped: no ${missing.join(', ')}; install it with "${install}"`);
  return true;
}

/**
 * Starts `engine` on a device whose storage lives in the directory `profile`
 * (WebKit keeps it in its session instead: see webkit.ts).
 */
export function launch(engine: EngineName, profile: string): Promise<Browser> {
  if (engine === 'chromium') return launchChromium(profile);
  if (engine === 'webkit') return launchWebKit();
  return launchFirefox(profile);
}
