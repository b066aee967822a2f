// Public entry of `candor-nps`: re-exports only. Importing it touches no
// `window` or `document`, so server-side rendering can import it.
export { createNps } from './createNps.js';
export type { NpsInstance, NpsEvents, ShowOptions } from './createNps.js';
export { parseConfig } from './config.js';
export type { Config, ConfigInput } from './config.js';
export { CandorConfigError } from './errors.js';
export type { Category } from './lib/category.js';
export type { Strings } from './locales/en.js';
export type { Step } from './ui/Card.js';
export { VERSION } from './version.js';
