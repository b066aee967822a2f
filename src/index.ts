// Public entry of `candor-nps`: re-exports only. Importing it touches no
// `window` or `document`, so server-side rendering can import it.
export { createNps } from './createNps.js';
export { createSurvey } from './survey.js';
export type { NpsInstance, Survey, NpsEvents, CloseReason, ShowOptions, Answer, StoredData } from './types.js';
export type { BridgeMessage, BridgeType } from './bridgeMessage.js';
export type { NpsResponse, Batch, Device } from './response.js';
export type { Env } from './delivery.js';
export { parseConfig } from './config.js';
export type { Config, ConfigInput } from './config.js';
export { CandorConfigError, CandorError } from './errors.js';
export type { CandorErrorCode } from './errors.js';
export type { Category } from './lib/category.js';
export type { Strings } from './locales/en.js';
export type { Step } from './ui/Card.js';
export { VERSION } from './version.js';
export { ack } from './transports/bridge.js';
export { registerLocale } from './strings.js';
