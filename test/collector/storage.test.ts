// The storage interface, run against SQLite and PostgreSQL alike.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { POSTGRES_COUNT_RECEIVED_SQL, POSTGRES_SUMMARY_SQL } from '../../demo/collector/storage/postgres.js';
import { SQLITE_COUNT_RECEIVED_SQL, SQLITE_SUMMARY_SQL } from '../../demo/collector/storage/sqlite.js';
import { PAGE_SIZE, type Storage } from '../../demo/collector/storage/types.js';
import { backends, type Opened } from './backends.js';
import { response, storedIds } from './fixtures.js';

// The process in a zone far from UTC too: no local time may leak into days.
const tz = process.env.TZ;
beforeAll(() => void (process.env.TZ = 'Pacific/Kiritimati'));
afterAll(() => void (process.env.TZ = tz));

const scores = (...list: number[]) =>
  list.map((score, i) => response({ score, at: `2026-11-22T${String(i % 24).padStart(2, '0')}:00:00Z` }));

describe.each(backends)('$name storage', (backend) => {
  let opened: Opened;
  let storage: Storage;
  if (backend.skip) console.warn(`Skipping the ${backend.name} storage tests: ${backend.skip}.`);
  beforeEach(async (ctx) => {
    if (backend.skip) return ctx.skip();
    opened = await backend.open();
    storage = opened.storage;
  });
  afterEach(async () => opened?.cleanup());

  test('stores new rows and counts the ids it already has as duplicates, within a batch too', async () => {
    const [a, b, c] = [response(), response(), response()];
    expect(await storage.insert([a!, b!])).toEqual({ stored: 2, duplicates: 0 });
    expect(await storage.insert([a!, b!, c!, c!])).toEqual({ stored: 1, duplicates: 3 });
    expect(await storedIds(storage)).toEqual([a!.id, b!.id, c!.id].sort());
  });

  test('gives rows back in the wire shape, oldest first, optional fields only when present', async () => {
    const full = response({
      at: '2026-11-22T09:00:00Z',
      comment: 'Fast, "clean"\nand {cheap} \\ NULL',
      segment: { plan: 'pro', app: '2.1' },
    });
    const bare = response({ at: '2026-11-22T08:00:00Z', score: 3 });
    await storage.insert([full, bare]);
    const rows = [];
    for await (const r of storage.rows('checkout', '2026-11-22', '2026-11-22')) rows.push(r);
    expect(rows).toEqual([bare, full]);
    expect(Object.keys(rows[0]!)).not.toContain('comment');
  });

  test('reads a range larger than one page completely, once each, in (at, id) order', async () => {
    // Two hours only, so most rows share an `at` and the page boundary falls inside a tie.
    const all = Array.from({ length: PAGE_SIZE * 2 + 500 }, (_, i) => response({ at: `2026-11-22T0${i % 2}:00:00Z` }));
    for (let i = 0; i < all.length; i += 500) await storage.insert(all.slice(i, i + 500));
    const seen: string[] = [];
    for await (const r of storage.rows('checkout', '2026-11-22', '2026-11-22')) seen.push(`${r.at} ${r.id}`);
    expect(seen).toEqual(all.map((r) => `${r.at} ${r.id}`).sort());
  });

  test('summarises a known set: counts, NPS, distribution', async () => {
    await storage.insert(scores(10, 10, 9, 9, 9, 8, 7, 6, 3, 0));
    await storage.insert([response({ survey: 'other', score: 0 })]);
    const s = await storage.summary('checkout', '2026-11-22', '2026-11-22');
    expect(s).toMatchObject({ responses: 10, promoters: 5, passives: 2, detractors: 3, nps: 20 });
    expect(s.distribution).toEqual([1, 0, 0, 1, 0, 0, 1, 1, 1, 3, 2]);
  });

  test('rounds the NPS to one decimal', async () => {
    await storage.insert(scores(10, 8, 8));
    expect((await storage.summary('checkout', '2026-11-22', '2026-11-22')).nps).toBe(33.3);
  });

  test('has a null NPS and an empty day for every day without answers', async () => {
    const s = await storage.summary('checkout', '2026-11-20', '2026-11-21');
    expect(s).toMatchObject({ responses: 0, nps: null, distribution: Array(11).fill(0) });
    expect(s.daily).toEqual([
      { date: '2026-11-20', count: 0, promoters: 0, passives: 0, detractors: 0, nps: null },
      { date: '2026-11-21', count: 0, promoters: 0, passives: 0, detractors: 0, nps: null },
    ]);
  });

  test('puts answers on their UTC day across midnight, range ends included, outside excluded', async () => {
    await storage.insert([
      response({ at: '2026-11-20T23:00:00Z', score: 10 }), // before the range
      response({ at: '2026-11-21T00:00:00Z', score: 10 }),
      response({ at: '2026-11-21T23:00:00Z', score: 9 }),
      response({ at: '2026-11-22T00:00:00Z', score: 0 }),
      response({ at: '2026-11-22T23:00:00Z', score: 8 }),
      response({ at: '2026-11-23T00:00:00Z', score: 0 }), // after the range
    ]);
    const s = await storage.summary('checkout', '2026-11-21', '2026-11-22');
    expect(s.daily).toEqual([
      { date: '2026-11-21', count: 2, promoters: 2, passives: 0, detractors: 0, nps: 100 },
      { date: '2026-11-22', count: 2, promoters: 0, passives: 1, detractors: 1, nps: -50 },
    ]);
    expect(s).toMatchObject({ from: '2026-11-21', to: '2026-11-22', responses: 4, nps: 25 });
  });

  test('lists the newest comments of a survey first, only answers with one, at most n', async () => {
    await storage.insert([
      response({ at: '2026-11-20T10:00:00Z', comment: 'oldest' }),
      response({ at: '2026-11-21T10:00:00Z', comment: 'middle', score: 6 }),
      response({ at: '2026-11-22T10:00:00Z' }),
      response({ at: '2026-11-22T11:00:00Z', comment: 'newest', page: '/a' }),
      response({ at: '2026-11-23T10:00:00Z', comment: 'other survey', survey: 'other' }),
    ]);
    const { comments, complete } = await storage.comments('checkout', { scan: 5000 }, 2);
    expect(comments.map((c) => c.comment)).toEqual(['newest', 'middle']);
    expect(complete).toBe(false);
    expect(comments[1]).toMatchObject({
      at: '2026-11-21T10:00:00Z',
      score: 6,
      category: 'detractor',
      locale: 'en',
      page: '/pricing',
    });
  });

  test('searches comments: the range in the database; category, segment value and text on each page read; at most `scan` read', async () => {
    // Seven answers an hour: the pages (250, then 1,000) and the 500 read end inside a run of ties.
    const rows = Array.from({ length: 1200 }, (_, i) =>
      response({
        at: `2026-11-${String(1 + (Math.floor(i / 7) % 20)).padStart(2, '0')}T${String(Math.floor(i / 140) % 24).padStart(2, '0')}:00:00Z`,
        score: i % 11,
        comment: i % 100 === 0 ? `Needle ${i}` : `hay ${i}`,
        segment: { plan: i % 2 ? 'pro' : 'free' },
      }),
    );
    for (let i = 0; i < rows.length; i += 300) await storage.insert(rows.slice(i, i + 300));
    const newestFirst = (list: typeof rows) =>
      list.sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1)).map((r) => r.comment);
    const needle = (comment: string) => comment.startsWith('Needle');
    // Across the pages of 1,000: every needle, newest first.
    const all = await storage.comments('checkout', { scan: 5000, match: needle }, 100);
    expect(all).toMatchObject({ scanned: 1200, complete: true });
    expect(new Set(all.comments.map((c) => c.id)).size).toBe(all.comments.length);
    expect(all.comments.map((c) => c.comment)).toEqual(newestFirst(rows.filter((r) => needle(r.comment!))));
    // Stopped after `scan` comments read: the newest 500 only.
    const some = await storage.comments('checkout', { scan: 500, match: needle }, 100);
    expect(some.scanned).toBe(500);
    expect(some.complete).toBe(false);
    expect(some.comments.length).toBeLessThan(all.comments.length);
    // The database's filters: a range, a category, a segment value.
    const filtered = await storage.comments(
      'checkout',
      {
        scan: 5000,
        range: { from: '2026-11-05', to: '2026-11-09' },
        category: 'detractor',
        segment: { key: 'plan', value: 'pro' },
      },
      100,
    );
    const expected = rows.filter(
      (r) => r.at >= '2026-11-05' && r.at < '2026-11-10' && r.score <= 6 && r.segment!.plan === 'pro',
    );
    expect(filtered.comments.map((c) => c.comment)).toEqual(newestFirst(expected));
    expect(filtered.complete).toBe(true);
    // Every comment of the range, none twice, across pages cut inside ties.
    const everyOne = await storage.comments('checkout', { scan: 5000, match: () => true }, 5000);
    expect(everyOne.comments.map((c) => c.comment)).toEqual(newestFirst([...rows]));
    // A segment value no one has: the search stops after `scan` comments read, whatever it finds.
    const none = await storage.comments('checkout', { scan: 600, segment: { key: 'plan', value: 'gold' } }, 100);
    expect(none).toEqual({ comments: [], scanned: 600, complete: false });
    // And the CSV's rows: the same filter, oldest first.
    const exported: string[] = [];
    for await (const r of storage.rows('checkout', '2026-11-05', '2026-11-09', {
      category: 'detractor',
      segment: { key: 'plan', value: 'pro' },
    }))
      exported.push(r.id);
    expect(exported.sort()).toEqual(expected.map((r) => r.id).sort());
  });

  test('retention deletes rows received before the cut-off day and keeps the rest', async () => {
    const [old, edge, fresh] = [response(), response(), response()];
    await storage.insert([old!], new Date('2025-10-31T23:59:59Z'));
    await storage.insert([edge!], new Date('2025-11-01T00:00:00Z'));
    await storage.insert([fresh!], new Date('2026-11-22T12:00:00Z'));
    expect(await storage.deleteOlderThan(new Date('2025-11-01T08:00:00Z'))).toBe(1);
    expect(await storedIds(storage)).toEqual([edge!.id, fresh!.id].sort());
  });

  test('the summary query reads the (survey, at) index', async () => {
    if (backend.name === 'SQLite') {
      const db = new Database(opened.where, { readonly: true });
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${SQLITE_SUMMARY_SQL}`).all('checkout', 'a', 'b') as {
        detail: string;
      }[];
      db.close();
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX responses_survey_at_groups/);
    } else {
      const client = new pg.Client({ connectionString: opened.where });
      await client.connect();
      // On an empty table any plan is cheap; forbid the full scan to see which index serves the query.
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query(`EXPLAIN ${POSTGRES_SUMMARY_SQL}`, ['checkout', '2026-11-01', '2026-11-02']);
      await client.end();
      expect(rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toMatch(
        /Index Only Scan using responses_survey_at_groups/,
      );
    }
  });

  test("countReceived counts one survey's answers received on one UTC day (not their `at`)", async () => {
    await storage.insert([response(), response({ at: '2026-01-01T00:00:00Z' })], new Date('2026-11-22T23:59:59Z'));
    await storage.insert([response()], new Date('2026-11-23T00:00:00Z'));
    await storage.insert([response({ survey: 'home' })], new Date('2026-11-22T12:00:00Z'));
    expect(await storage.countReceived('checkout', '2026-11-22')).toBe(2);
    expect(await storage.countReceived('checkout', '2026-11-23')).toBe(1);
    expect(await storage.countReceived('home', '2026-11-22')).toBe(1);
    expect(await storage.countReceived('home', '2026-11-23')).toBe(0);
  });

  test("the daily cap's count reads the (received_on, survey) index, not the table", async () => {
    if (backend.name === 'SQLite') {
      const db = new Database(opened.where, { readonly: true });
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${SQLITE_COUNT_RECEIVED_SQL}`).all('checkout', '2026-11-22') as {
        detail: string;
      }[];
      db.close();
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX responses_received_on_survey/);
    } else {
      const client = new pg.Client({ connectionString: opened.where });
      await client.connect();
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query(`EXPLAIN ${POSTGRES_COUNT_RECEIVED_SQL}`, ['checkout', '2026-11-22']);
      await client.end();
      expect(rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toMatch(
        /Index Only Scan using responses_received_on_survey/,
      );
    }
  });
});
