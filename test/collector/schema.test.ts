// Poisoned records over HTTP, on SQLite and PostgreSQL: a record the schema or
// the database refuses is named in a 400 and nothing of its batch is stored, so
// the widget (which splits a refused batch and drops only the named record)
// delivers the rest; a database that is only busy is a 503, never a 400; and a
// wrong device clock costs the answer its hour, not the answer.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import type { NpsResponse } from '../../src/response.js';
import { backends, type Backend } from './backends.js';
import { batch, response, storedIds } from './fixtures.js';
import { json } from './harness.js';
import { live, type Live } from './live.js';

/** 2026-11-22 10:37:12 UTC: the collector's clock in these tests. */
const ARRIVAL = Date.UTC(2026, 10, 22, 10, 37, 12);
const ARRIVAL_HOUR = '2026-11-22T10:00:00Z';

/** Every stored row of survey "checkout" from 2019 to 2027, by id. */
async function stored(l: Live): Promise<Map<string, NpsResponse>> {
  const rows = new Map<string, NpsResponse>();
  for await (const r of l.running.storage.rows('checkout', '2019-01-01', '2027-12-31')) rows.set(r.id, r);
  return rows;
}

/** Runs `sql` in a new session on the live collector's PostgreSQL database. */
async function onPostgres<T>(l: Live, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: l.where });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `run` while another session holds the collector's table locked (ACCESS EXCLUSIVE), then lets go. */
function whileLocked<T>(l: Live, run: (locker: pg.Client) => Promise<T>): Promise<T> {
  return onPostgres(l, async (locker) => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE responses IN ACCESS EXCLUSIVE MODE');
    try {
      return await run(locker);
    } finally {
      await locker.query('ROLLBACK');
    }
  });
}

/** Makes the database itself refuse any row whose comment is "poison" (a constraint the schema knows nothing of). */
async function refusePoison(backend: Backend, l: Live): Promise<void> {
  if (backend.name === 'PostgreSQL') {
    await onPostgres(l, (c) =>
      c.query(`ALTER TABLE responses ADD CONSTRAINT no_poison CHECK (comment IS DISTINCT FROM 'poison')`),
    );
    return;
  }
  // SQLite cannot add a CHECK to a table; a trigger raises the same SQLITE_CONSTRAINT.
  const db = new Database(l.where);
  try {
    db.exec(
      `CREATE TRIGGER no_poison BEFORE INSERT ON responses WHEN NEW.comment = 'poison'
       BEGIN SELECT RAISE(ABORT, 'no poison'); END`,
    );
  } finally {
    db.close();
  }
}

describe.each(backends)('on $name', (backend) => {
  let l: Live | undefined;
  afterEach(async () => {
    await l?.close();
    l = undefined;
  });
  const start = async () => (l = await live(backend, {}, { now: () => ARRIVAL }));

  const poisons: [what: string, over: Partial<NpsResponse>, field: string][] = [
    ['a NUL in the comment', { comment: 'Great\u0000' }, 'comment'],
    ['an escape sequence in the comment', { comment: 'Great \u001b[2J' }, 'comment'],
    ['DEL in the comment', { comment: 'Great\u007f' }, 'comment'],
    ['a NUL in consentVersion', { consentVersion: 'v1\u0000' }, 'consentVersion'],
    ['a newline in consentVersion', { consentVersion: 'v1\n' }, 'consentVersion'],
    ['a NUL in the page', { page: '/pricing\u0000' }, 'page'],
    ['a tab in the page', { page: '/pricing\t' }, 'page'],
    ['a NUL in sdk', { sdk: '0.1.0\u0000' }, 'sdk'],
  ];

  test.skipIf(backend.skip).each(poisons)(
    'refuses a record with %s with a 400 naming it, stores nothing of its batch, and stores the rest resent without it',
    async (_what, over, field) => {
      const l = await start();
      const [a, bad, c] = [response(), response(over), response()];
      const res = await l.post(batch(a, bad, c));
      expect(res.status).toBe(400);
      expect(await json(res)).toEqual({
        error: expect.stringMatching(new RegExp(`^responses\\[1\\] \\(id ${bad.id}\\): ${field}: expected .*control`)),
        field,
        id: bad.id,
        index: 1,
      });
      expect(await storedIds(l.running.storage)).toEqual([]);

      const again = await l.post(batch(a, c));
      expect(again.status).toBe(200);
      expect(await json(again)).toEqual({ stored: 2, duplicates: 0 });
      expect(await storedIds(l.running.storage)).toEqual([a.id, c.id].sort());
    },
  );

  test.skipIf(backend.skip)('keeps tab, CR and LF in a comment', async () => {
    const l = await start();
    const r = response({ comment: 'First line\r\nsecond\tline\n' });
    expect((await l.post(batch(r))).status).toBe(200);
    expect((await stored(l)).get(r.id)).toEqual(r);
  });

  test.skipIf(backend.skip).each([
    ['year 0000', '0000-01-01T00:00:00Z', ARRIVAL_HOUR],
    ['the last hour of 2019', '2019-12-31T23:00:00Z', ARRIVAL_HOUR],
    ['2020-01-01T00:00:00Z, the earliest kept', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'],
    ['one day after arrival, the latest kept', '2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z'],
    ['more than a day after arrival', '2026-11-23T11:00:00Z', ARRIVAL_HOUR],
    ['year 9999', '9999-12-31T23:00:00Z', ARRIVAL_HOUR],
  ])('stores an answer whose `at` is %s with `at` %s → %s', async (_what, at, expected) => {
    const l = await start();
    const [r, normal] = [response({ at }), response()];
    const res = await l.post(batch(r, normal));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ stored: 2, duplicates: 0 });
    const rows = await stored(l);
    expect(rows.get(r.id)).toEqual({ ...r, at: expected });
    expect(rows.get(normal.id)).toEqual(normal);
  });

  test.skipIf(backend.skip)(
    'answers 400 naming the record the database refuses, stores nothing of its batch, and stores the rest resent without it',
    async () => {
      const l = await start();
      await refusePoison(backend, l);
      const records = Array.from({ length: 50 }, (_, i) => response({ comment: i === 37 ? 'poison' : `fine ${i}` }));
      const bad = records[37]!;
      const res = await l.post(batch(...records));
      expect(res.status).toBe(400);
      expect(await json(res)).toEqual({
        error: `responses[37] (id ${bad.id}): refused by the database (a constraint or an invalid value); it was not stored`,
        id: bad.id,
        index: 37,
      });
      expect(await storedIds(l.running.storage)).toEqual([]);

      const rest = records.filter((r) => r !== bad);
      const again = await l.post(batch(...rest));
      expect(again.status).toBe(200);
      expect(await json(again)).toEqual({ stored: 49, duplicates: 0 });
      expect(await storedIds(l.running.storage)).toEqual(rest.map((r) => r.id).sort());
    },
  );

  test.skipIf(backend.skip)('names a lone record the database refuses too', async () => {
    const l = await start();
    await refusePoison(backend, l);
    const bad = response({ comment: 'poison' });
    const res = await l.post(batch(bad));
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ id: bad.id, index: 0 });
    expect(await storedIds(l.running.storage)).toEqual([]);
  });
});

describe('a database that is only busy answers 503 with Retry-After, never 400', () => {
  const [sqlite, postgres] = backends as [Backend, Backend];
  let l: Live | undefined;
  afterEach(async () => {
    await l?.close();
    l = undefined;
  });

  test('SQLite: another connection holds the write lock past the busy timeout', async () => {
    l = await live(sqlite);
    const other = new Database(l.where, { timeout: 0 });
    try {
      other.exec('BEGIN EXCLUSIVE');
      const r = response();
      const res = await l.post(batch(r));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(await json(res)).toEqual({ error: 'storage: unavailable, try again later' });
      other.exec('ROLLBACK');
      expect((await l.post(batch(r))).status).toBe(200);
      expect(await storedIds(l.running.storage)).toEqual([r.id]);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });

  test.skipIf(postgres.skip)(
    'PostgreSQL: a table held locked makes the collector give up at its lock timeout and answer 503, before the request times out',
    async () => {
      l = await live(postgres);
      const live_ = l;
      const r = response();
      await whileLocked(live_, async () => {
        // Nobody ends the wait here: the collector's own lock_timeout must.
        const res = await live_.post(batch(r));
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('30');
      });
      expect((await live_.post(batch(r))).status).toBe(200);
    },
  );

  test.skipIf(postgres.skip)(
    'PostgreSQL: the session waiting on a locked table is terminated by the server (57P01)',
    async () => {
      l = await live(postgres);
      const live_ = l;
      const r = response();
      await whileLocked(live_, async (locker) => {
        const pending = live_.post(batch(r));
        // Wait for the collector's insert to queue behind the lock, then end its session.
        let terminated = false;
        for (const deadline = Date.now() + 10_000; !terminated && Date.now() < deadline;) {
          const { rows } = await locker.query<{ ok: boolean }>(
            `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          terminated = rows.some((row) => row.ok);
          if (!terminated) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(terminated).toBe(true);
        const res = await pending;
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('30');
        expect(await json(res)).toEqual({ error: 'storage: unavailable, try again later' });
      });
      expect((await live_.post(batch(r))).status).toBe(200);
      expect(await storedIds(live_.running.storage)).toEqual([r.id]);
    },
  );
});
