// The collector's public surface, for `npm start`, the dashboard and tests.
export { createCollector, type CollectorOptions } from './app.js';
export { ConfigError, readConfig, type CollectorConfig } from './config.js';
export { startCollector, type RunningCollector, type StartOptions } from './start.js';
export { openStorage, DEFAULT_DB_FILE, type StorageConfig } from './storage/open.js';
export {
  StorageOpenError,
  type Storage,
  type Summary,
  type DayPoint,
  type CommentRow,
  type ReplyRow,
  type ContactRow,
} from './storage/types.js';
