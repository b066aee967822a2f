import { createLog, type Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { Storage } from './storage/types.js';

/** How often the retention job runs after the first run at start. */
export const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Days a tombstone is kept after the UTC day it was written. The widget keeps
 * an unacknowledged record 30 days at most (`ttlDays`) from when it was made,
 * which is before it could be deleted, so no copy of a deleted record arrives
 * more than 30 days after its deletion; one more day covers the rounding to
 * whole UTC days.
 */
export const TOMBSTONE_DAYS = 31;

/**
 * Deletes rows that arrived more than `days` days ago, then the contacts that
 * have expired (or lost their answer), then the tombstones older than
 * `TOMBSTONE_DAYS`: once now (awaited by `run`), then every six hours. The
 * timer is unref'd so it never keeps the process alive; a failed run is
 * logged and retried at the next tick. `run` resolves to the number of
 * answers deleted.
 */
export function startRetention(
  storage: Storage,
  days: number,
  now: () => number = Date.now,
  log: Logger = createLog('silent'),
  metrics?: Metrics,
) {
  const run = async (): Promise<number> => {
    try {
      const deleted = await storage.deleteOlderThan(new Date(now() - days * 86_400_000));
      if (deleted) log.info({ deleted, days }, 'retention deleted old answers');
      // After the answers: a contact whose answer just went goes in the same run.
      const contacts = await storage.deleteExpiredContacts(new Date(now()));
      if (contacts) log.info({ deleted: contacts }, 'retention deleted expired contacts');
      metrics?.contactsDeleted('expired', contacts);
      const tombstones = await storage.deleteTombstones(new Date(now() - TOMBSTONE_DAYS * 86_400_000));
      if (tombstones) log.info({ deleted: tombstones, days: TOMBSTONE_DAYS }, 'retention deleted tombstones');
      // Webhook jobs hold ids and times only; a digest's stays as long as a tombstone, which is longer than it is due.
      await storage.hooks.deleteBefore(now() - TOMBSTONE_DAYS * 86_400_000);
      return deleted;
    } catch (error) {
      log.error({ err: (error as Error).message }, 'the retention job failed');
      return 0;
    }
  };
  const timer = setInterval(() => void run(), RETENTION_EVERY_MS);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
