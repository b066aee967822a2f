import type { Config } from '../config.js';

/** True when Global Privacy Control is on and the config respects it (the default). */
export const gpcOn = (config: Config) =>
  config.rules.respectGpc &&
  (globalThis.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;
