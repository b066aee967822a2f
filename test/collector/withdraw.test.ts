// Taking an answer back after it was delivered: the device keeps a random secret, the wire carries
// its SHA-256 as `proof`, and DELETE /v1/responses/:id with the secret deletes the answer.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, test, vi } from 'vitest';
import { RETENTION_EVERY_MS } from '../../demo/collector/retention.js';
import type { NpsResponse } from '../../src/response.js';
import { backends, postgres, type Backend } from './backends.js';
import { eachLive } from './eachLive.js';
import {
  batch,
  contact,
  openOlderSqlite,
  proofOf,
  response,
  secret,
  storedIds,
  withContacts,
  withdrawable,
} from './fixtures.js';
import { json } from './harness.js';

// The collector's clock is the session's in the tests that start with `start`, the real one with `startNow`.
const session = eachLive();
const c = () => session.c;
const start = (backend: Backend, env: Record<string, string> = {}) => session.start(backend, env);
const startNow = (backend: Backend, env: Record<string, string> = {}) => session.start(backend, env, { now: Date.now });

/** Delivers `answers` in one batch, expecting a 200. */
const deliver = async (...answers: NpsResponse[]) => expect((await c().post(batch(...answers))).status).toBe(200);
/** The counts a batch of `answers` is acknowledged with. */
const sendBatch = async (...answers: NpsResponse[]) => json(await c().post(batch(...answers)));

describe.each(backends)('$name', (backend) => {
  test.skipIf(backend.skip)(
    'the right secret deletes the answer (204, gone from every read); again, or for an unknown id, 204 too',
    async () => {
      await startNow(backend);
      const [mine, key] = withdrawable({ comment: 'Changed my mind about this' });
      const other = response();
      await deliver(mine, other);
      const res = await c().withdraw(mine.id, key);
      expect(res.status).toBe(204);
      expect(await session.stored()).toEqual([other.id]);
      expect((await c().withdraw(mine.id, key)).status).toBe(204);
      expect((await c().withdraw(crypto.randomUUID(), key)).status).toBe(204);
    },
  );

  test.skipIf(backend.skip)(
    "a wrong secret, another answer's secret, or an answer sent without a proof deletes nothing: 403",
    async () => {
      await startNow(backend);
      const [a, b] = [secret(), secret()];
      const first = response({ proof: proofOf(a) });
      const second = response({ proof: proofOf(b) });
      const bare = response();
      await deliver(first, second, bare);
      for (const [id, key] of [
        [first.id, secret()],
        [first.id, b],
        [bare.id, a],
      ] as const) {
        const res = await c().withdraw(id, key);
        expect(res.status).toBe(403);
        expect(((await res.json()) as { error: string }).error).toBe(
          'secret: does not match this answer; nothing was deleted',
        );
      }
      expect(await session.stored()).toEqual([first.id, second.id, bare.id].sort());
    },
  );
});

describe.each(backends)('$name: a withdrawn answer stays withdrawn when it is delivered again', (backend) => {
  test.skipIf(backend.skip)(
    'sent again after its withdrawal (a late beacon, a lost acknowledgement): acknowledged as a duplicate, not stored',
    async () => {
      await start(backend);
      const [mine, key] = withdrawable({ comment: 'Take this back' });
      const other = response();
      await deliver(mine, other);
      expect((await c().withdraw(mine.id, key)).status).toBe(204);
      expect(await session.tombstones()).toEqual([
        { id: mine.id, kind: 'answer', proof: proofOf(key), day: '2026-11-22' },
      ]);

      const again = await c().post(batch(mine, other));
      expect(again.status).toBe(200);
      expect(await json(again)).toEqual({ stored: 0, duplicates: 2 });
      expect(await session.stored()).toEqual([other.id]);
      const csv = await (await c().read('/v1/surveys/checkout/responses.csv?from=2026-11-22&to=2026-11-22')).text();
      expect(csv).not.toContain(mine.id);
      expect(csv).not.toContain('Take this back');
      expect(await c().metric('candor_deleted_resent_total{kind="answer"}')).toBe(
        'candor_deleted_resent_total{kind="answer"} 1',
      );
    },
  );

  test.skipIf(backend.skip)(
    'withdrawn before it arrived (204, unknown id): kept out when it comes with that proof; the id with another proof, or none, is stored',
    async () => {
      await start(backend);
      const [mine, key] = withdrawable();
      // forget() ran while the answer was in flight: the DELETE overtook the POST.
      expect((await c().withdraw(mine.id, key)).status).toBe(204);
      expect(await session.tombstones()).toEqual([
        { id: mine.id, kind: 'answer', proof: proofOf(key), day: '2026-11-22' },
      ]);

      const late = await c().post(batch(mine));
      expect(late.status).toBe(200);
      expect(await json(late)).toEqual({ stored: 0, duplicates: 1 });
      expect(await session.stored()).toEqual([]);

      // Whoever withdraws an id it does not hold the secret for blocks nothing: only that proof is kept out.
      const otherProof = response({ id: mine.id, proof: proofOf(secret()) });
      expect(await sendBatch(otherProof)).toEqual({ stored: 1, duplicates: 0 });
      const guessed = response();
      expect((await c().withdraw(guessed.id, secret())).status).toBe(204);
      expect(await sendBatch(guessed)).toEqual({ stored: 1, duplicates: 0 });
      expect(await session.stored()).toEqual([mine.id, guessed.id].sort());
    },
  );

  test.skipIf(backend.skip)(
    'a wrong secret (403) writes no tombstone: the answer stays, a resend is a plain duplicate, the right secret still withdraws it for good',
    async () => {
      await start(backend);
      const [mine, key] = withdrawable();
      await deliver(mine);
      expect((await c().withdraw(mine.id, secret())).status).toBe(403);
      expect(await session.tombstones()).toEqual([]);

      expect(await sendBatch(mine)).toEqual({ stored: 0, duplicates: 1 });
      expect(await session.stored()).toEqual([mine.id]);

      expect((await c().withdraw(mine.id, key)).status).toBe(204);
      expect(await sendBatch(mine)).toEqual({ stored: 0, duplicates: 1 });
      expect(await session.stored()).toEqual([]);
    },
  );

  test.skipIf(backend.skip)(
    'hostile withdrawals of unknown ids write one tombstone per request at most, within the rate limit',
    async () => {
      await start(backend, { CANDOR_RATE_LIMIT: '3' });
      const id = crypto.randomUUID();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await c().withdraw(id, secret())).status);
      expect(statuses).toEqual([204, 204, 204, 429, 429]);
      expect(await session.tombstones()).toHaveLength(3);
    },
  );

  test.skipIf(backend.skip)(
    'a tombstone is kept 31 days after the day it was written, then the retention job deletes it',
    async () => {
      // Only the timers: the retention job's six-hourly tick is what deletes.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      await start(backend);
      const [mine, key] = withdrawable();
      await deliver(mine);
      expect((await c().withdraw(mine.id, key)).status).toBe(204);

      // Written on 2026-11-22: still there on the 31st day after it (the widget keeps a record 30 days at most).
      session.now = Date.UTC(2026, 11, 23, 23, 59, 59);
      await vi.advanceTimersByTimeAsync(RETENTION_EVERY_MS);
      expect(await session.tombstones()).toHaveLength(1);
      expect(await sendBatch(mine)).toEqual({ stored: 0, duplicates: 1 });

      session.now = Date.UTC(2026, 11, 24, 0, 0, 0);
      await vi.advanceTimersByTimeAsync(RETENTION_EVERY_MS);
      await expect.poll(() => session.tombstones()).toEqual([]);
      // Forgotten: no device still holds this answer to send it, so a copy would now be a new answer.
      expect(await sendBatch(mine)).toEqual({ stored: 1, duplicates: 0 });
    },
  );
});

test.skipIf(postgres.skip)(
  'PostgreSQL: a withdrawal arriving while its batch is being stored waits for that batch, then deletes the answer and its contact',
  async () => {
    await start(postgres);
    const [mine, key] = withdrawable();
    const left = contact(mine.id);
    const [locker, watcher] = [
      new pg.Client({ connectionString: c().where }),
      new pg.Client({ connectionString: c().where }),
    ];
    await Promise.all([locker.connect(), watcher.connect()]);
    // Sessions waiting for a lock, seen from outside any transaction (inside one, pg_stat_activity is a snapshot).
    const waiting = async () =>
      (
        await watcher.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      ).rows[0]!.n;
    try {
      // The batch's answer is written, its contact waits on the locked table: the batch is in flight.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE');
      const posting = c().post(withContacts([mine], [left]));
      await expect.poll(waiting, { interval: 20 }).toBe(1);
      let withdrawn = false;
      const withdrawing = c()
        .withdraw(mine.id, key)
        .then((res) => ((withdrawn = true), res));
      // It must wait for the batch (a second waiter), not answer "unknown id" and let the batch store it after.
      await expect.poll(async () => withdrawn || (await waiting()) === 2, { interval: 20 }).toBe(true);
      await locker.query('ROLLBACK');
      expect((await posting).status).toBe(200);
      expect((await withdrawing).status).toBe(204);
    } finally {
      await Promise.all([locker.end(), watcher.end()]);
    }
    expect(await session.stored()).toEqual([]);
    expect(await c().running.storage.contact(left.id, new Date(session.now))).toBeUndefined();
  },
);

describe('DELETE /v1/responses/:id', () => {
  test('names what is wrong with a bad id or body (400), and is rate-limited like posting', async () => {
    await startNow(backends[0]!, { CANDOR_RATE_LIMIT: '2' });
    expect((await c().withdraw('not-a-uuid', secret())).status).toBe(400);
    const id = crypto.randomUUID();
    const bad = await c().withdraw(id, 'short');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^secret: expected 64 lower-case hex characters/);
    const limited = await c().withdraw(id, secret());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  test('an allowed origin may DELETE (preflight granted), another gets a 403 it can read', async () => {
    await startNow(backends[0]!, { CANDOR_ORIGINS: 'https://shop.example.com' });
    const preflight = await fetch(`${c().url}/v1/responses/${crypto.randomUUID()}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'DELETE' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE');
    const ok = await c().withdraw(crypto.randomUUID(), secret(), { origin: 'https://shop.example.com' });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const refused = await c().withdraw(crypto.randomUUID(), secret(), { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
  });

  test('on SQLite the withdrawn comment is gone from the bytes of the .db and -wal files', async () => {
    await startNow(backends[0]!);
    const marker = `withdrawn-${randomBytes(6).toString('hex')}`;
    const [mine, key] = withdrawable({ comment: `Please forget ${marker}` });
    await deliver(mine);
    expect((await c().withdraw(mine.id, key)).status).toBe(204);
    for (const file of [c().where, `${c().where}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue; // no WAL left at all
      }
      expect(bytes.includes(Buffer.from(marker)), file).toBe(false);
    }
  });

  test('the proof is never in the CSV export or the comments', async () => {
    await startNow(backends[0]!);
    const [mine, key] = withdrawable({ comment: 'kept' });
    await deliver(mine);
    const csv = await (await c().read('/v1/surveys/checkout/responses.csv?from=2026-11-22&to=2026-11-22')).text();
    const comments = await (await c().read('/v1/surveys/checkout/comments')).text();
    expect(csv).toContain(mine.id);
    for (const text of [csv, comments]) expect(text).not.toContain(proofOf(key));
  });
});

test('a SQLite database made before withdrawals gets the proof column at open, its rows kept', () =>
  openOlderSqlite({}, async (storage, kept) => {
    const [mine, key] = withdrawable();
    await storage.insert([mine]);
    expect(await storedIds(storage)).toEqual([kept.id, mine.id].sort());
    expect(await storage.withdraw(mine.id, proofOf(key))).toEqual({ outcome: 'deleted', contact: false });
    expect(await storage.withdraw(kept.id, proofOf(key))).toEqual({ outcome: 'refused', contact: false });
  }));

test('a SQLite database made before tombstones gets their table at open, its answers kept', () =>
  openOlderSqlite({ proof: true }, async (storage, kept) => {
    const [late, key] = withdrawable();
    expect(await storage.withdraw(late.id, proofOf(key))).toEqual({ outcome: 'unknown', contact: false });
    expect(await storage.insert([late])).toEqual({ stored: 0, duplicates: 1, resent: { answers: 1, contacts: 0 } });
    expect(await storedIds(storage)).toEqual([kept.id]);
  }));
