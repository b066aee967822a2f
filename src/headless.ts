// Public entry of `candor-nps/headless`: the core without any UI (no preact,
// never draws). Re-exports only; importing it touches no `window` or `document`.
export { createSurvey } from './survey.js';
export type { Survey, NpsEvents, CloseReason, Answer, StoredData } from './types.js';
export type { NpsResponse, Batch, Device } from './response.js';
export type { BridgeMessage, BridgeType } from './bridgeMessage.js';
export type { Env } from './delivery.js';
export { parseConfig } from './config.js';
export type { Config, ConfigInput } from './config.js';
export { CandorConfigError, CandorError } from './errors.js';
export type { CandorErrorCode } from './errors.js';
export type { Category } from './lib/category.js';
export { VERSION } from './version.js';
export { ack } from './transports/bridge.js';
