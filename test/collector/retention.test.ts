// The retention job: once at start, then every six hours, with the cut-off CANDOR_RETENTION_DAYS back;
// expired contacts, and tombstones and webhook jobs older than 31 days, go in the same runs.
import { afterEach, expect, test, vi } from 'vitest';
import { createMetrics } from '../../demo/collector/metrics.js';
import { RETENTION_EVERY_MS, TOMBSTONE_DAYS, startRetention } from '../../demo/collector/retention.js';
import type { Storage } from '../../demo/collector/storage/types.js';
import { logLines } from './logLines.js';

afterEach(() => vi.useRealTimers());

/** A storage that records the cut-offs it is asked to delete before (answers, tombstones), and the instants contacts expire at. */
function recorder(fail = false) {
  const cutoffs: string[] = [];
  const expiries: string[] = [];
  const tombstones: string[] = [];
  const hooks: string[] = [];
  const storage = {
    hooks: {
      deleteBefore: async (at: number) => {
        hooks.push(new Date(at).toISOString());
        return 1;
      },
    },
    deleteOlderThan: async (date: Date) => {
      cutoffs.push(date.toISOString());
      if (fail) throw new Error('database is gone');
      return 3;
    },
    deleteExpiredContacts: async (now: Date) => {
      expiries.push(now.toISOString());
      return 2;
    },
    deleteTombstones: async (date: Date) => {
      tombstones.push(date.toISOString());
      return 5;
    },
  } as unknown as Storage;
  return { storage, cutoffs, expiries, tombstones, hooks };
}

test('deletes with a cut-off `days` back when run, then again every six hours', async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-11-22T12:00:00Z'));
  const { storage, cutoffs } = recorder();
  const job = startRetention(storage, 365);
  expect(await job.run()).toBe(3);
  expect(cutoffs).toEqual(['2025-11-22T12:00:00.000Z']);
  await vi.advanceTimersByTimeAsync(RETENTION_EVERY_MS);
  expect(cutoffs).toEqual(['2025-11-22T12:00:00.000Z', '2025-11-22T18:00:00.000Z']);
  job.stop();
  await vi.advanceTimersByTimeAsync(RETENTION_EVERY_MS * 3);
  expect(cutoffs).toHaveLength(2);
});

test('a failed run is logged and the job keeps going', async () => {
  const { storage } = recorder(true);
  const { log, records } = logLines();
  const job = startRetention(storage, 30, Date.now, log);
  expect(await job.run()).toBe(0);
  job.stop();
  expect(records()).toEqual([
    expect.objectContaining({ level: 50, msg: 'the retention job failed', err: 'database is gone' }),
  ]);
});

test('deletes the contacts expired by now in each run, logged and counted by reason, never with an address', async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-11-22T12:00:00Z'));
  const { storage, expiries } = recorder();
  const { log, records } = logLines();
  const metrics = createMetrics();
  const job = startRetention(storage, 365, Date.now, log, metrics);
  await job.run();
  await vi.advanceTimersByTimeAsync(RETENTION_EVERY_MS);
  job.stop();
  expect(expiries).toEqual(['2026-11-22T12:00:00.000Z', '2026-11-22T18:00:00.000Z']);
  expect(records()).toContainEqual(expect.objectContaining({ msg: 'retention deleted expired contacts', deleted: 2 }));
  expect(await metrics.registry.getSingleMetricAsString('candor_contacts_deleted_total')).toContain(
    'candor_contacts_deleted_total{reason="expired"} 4',
  );
});

test('deletes the tombstones and webhook jobs of more than 31 days ago in each run, whatever CANDOR_RETENTION_DAYS says', async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-11-22T12:00:00Z'));
  const { storage, tombstones, hooks } = recorder();
  const { log, records } = logLines();
  const job = startRetention(storage, 7, Date.now, log);
  await job.run();
  job.stop();
  expect(tombstones).toEqual(['2026-10-22T12:00:00.000Z']);
  expect(hooks).toEqual(['2026-10-22T12:00:00.000Z']);
  expect(records()).toContainEqual(
    expect.objectContaining({ msg: 'retention deleted tombstones', deleted: 5, days: TOMBSTONE_DAYS }),
  );
});
