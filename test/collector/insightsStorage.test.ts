// The insights' storage reads on SQLite and PostgreSQL: surveys, breakdown cells and segment keys;
// their plans read the covering index; an older database gets the index and its segment keys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  postgresGroupsSql,
  POSTGRES_SURVEYS_SQL,
  POSTGRES_THEME_COMMENTS_SQL,
} from '../../demo/collector/storage/postgresInsights.js';
import {
  sqliteGroupsSql,
  SQLITE_SURVEYS_SQL,
  SQLITE_THEME_COMMENTS_SQL,
} from '../../demo/collector/storage/sqliteInsights.js';
import { openPostgres } from '../../demo/collector/storage/postgres.js';
import { openSqlite } from '../../demo/collector/storage/sqlite.js';
import { MAX_SURVEYS, overviewOf } from '../../demo/collector/insights/overview.js';
import type { GroupCell, Storage } from '../../demo/collector/storage/types.js';
import { backends, type Opened } from './backends.js';
import { response } from './fixtures.js';

const sorted = (cells: GroupCell[]) =>
  // Values in code-unit order, the missing key (null) last.
  [...cells].sort((a, b) =>
    (a.value ?? '\uffff') < (b.value ?? '\uffff') ? -1 : a.value === b.value ? a.score - b.score : 1,
  );

describe.each(backends)('$name', (backend) => {
  let opened: Opened;
  let storage: Storage;
  beforeEach(async (ctx) => {
    if (backend.skip) return ctx.skip();
    opened = await backend.open();
    storage = opened.storage;
  });
  afterEach(async () => opened?.cleanup());

  test('surveys: every survey with a stored answer, in order, once each', async () => {
    expect(await storage.surveys()).toEqual([]);
    await storage.insert([response({ survey: 'home' }), response(), response(), response({ survey: 'app-2' })]);
    expect(await storage.surveys()).toEqual(['app-2', 'checkout', 'home']);
  });

  test('groups: answers of the range per value and score; a missing segment key is its own group (null)', async () => {
    await storage.insert([
      response({ device: 'mobile', score: 10, segment: { plan: 'pro' } }),
      response({ device: 'mobile', score: 10, segment: { plan: 'pro', region: 'eu' } }),
      response({ device: 'desktop', score: 3, segment: { plan: 'free' } }),
      response({ device: 'desktop', score: 3 }),
      response({ device: 'tablet', score: 8, at: '2026-10-01T10:00:00Z' }), // outside the range
      response({ survey: 'home', device: 'tablet', score: 8 }), // another survey
    ]);
    expect(sorted(await storage.groups('checkout', '2026-11-01', '2026-11-30', 'device'))).toEqual([
      { value: 'desktop', score: 3, count: 2 },
      { value: 'mobile', score: 10, count: 2 },
    ]);
    expect(sorted(await storage.groups('checkout', '2026-11-01', '2026-11-30', 'segment.plan'))).toEqual([
      { value: 'free', score: 3, count: 1 },
      { value: 'pro', score: 10, count: 2 },
      { value: null, score: 3, count: 1 },
    ]);
    expect(await storage.segmentKeys('checkout', 50)).toEqual(['plan', 'region']);
    expect(await storage.segmentKeys('home', 50)).toEqual([]);
    expect(await storage.segmentKeys('checkout', 1)).toEqual(['plan']);
    expect(await storage.hasSegmentKey('checkout', 'region')).toBe(true);
    expect(await storage.hasSegmentKey('checkout', 'tier')).toBe(false);
    expect(await storage.hasSegmentKey('home', 'plan')).toBe(false);
  });

  test('themeComments: the newest comments of the range first, at most `limit`, without page, device or contact', async () => {
    await storage.insert([
      response({ comment: 'older', at: '2026-11-20T10:00:00Z', locale: 'de' }),
      response({ comment: 'newer', at: '2026-11-21T10:00:00Z', score: 3 }),
      response({ at: '2026-11-21T11:00:00Z' }), // no comment
      response({ comment: 'outside', at: '2026-10-01T10:00:00Z' }),
    ]);
    const rows = await storage.themeComments('checkout', '2026-11-01', '2026-11-30', 10);
    expect(rows.map((r) => [r.comment, r.at, r.score, r.locale])).toEqual([
      ['newer', '2026-11-21T10:00:00Z', 3, 'en'],
      ['older', '2026-11-20T10:00:00Z', 9, 'de'],
    ]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['at', 'comment', 'id', 'locale', 'score']);
    expect(await storage.themeComments('checkout', '2026-11-01', '2026-11-30', 1)).toHaveLength(1);
  });

  test('the overview lists the first 200 surveys, in order, however many were posted to', async () => {
    await storage.insert(Array.from({ length: 205 }, (_, i) => response({ survey: `s${String(i).padStart(3, '0')}` })));
    const overview = await overviewOf(storage, '2026-11-16', '2026-11-22', 10, false);
    expect(overview).toHaveLength(MAX_SURVEYS);
    expect(overview[0]).toMatchObject({ survey: 's000', n: 1 });
    expect(overview.at(-1)!.survey).toBe('s199');
  });

  test('a key that looks like a path or a quote is only ever a key', async () => {
    await storage.insert([response({ segment: { plan: 'pro' } })]);
    for (const by of ['segment.plan"', 'segment.$', 'segment.plan.x', "segment.'; DROP TABLE responses; --"] as const)
      expect(await storage.groups('checkout', '2026-11-01', '2026-11-30', by), by).toEqual([
        { value: null, score: 9, count: 1 },
      ]);
  });

  test('the breakdown by page, device or locale and the survey list read the covering index, not the table', async () => {
    if (backend.name === 'SQLite') {
      const db = new Database(opened.where, { readonly: true });
      for (const by of ['page', 'device', 'locale'] as const) {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sqliteGroupsSql(by)}`).all('checkout', 'a', 'b') as {
          detail: string;
        }[];
        expect(plan.map((p) => p.detail).join('\n'), by).toMatch(/USING COVERING INDEX responses_survey_at_groups/);
      }
      const corpus = db.prepare(`EXPLAIN QUERY PLAN ${SQLITE_THEME_COMMENTS_SQL}`).all('checkout', 'a', 'b', 5000) as {
        detail: string;
      }[];
      expect(corpus.map((p) => p.detail).join('\n')).toMatch(/USING INDEX responses_comments/);
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${SQLITE_SURVEYS_SQL}`).all() as { detail: string }[];
      db.close();
      expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/SCAN responses(?! USING)/);
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH responses USING COVERING INDEX/);
    } else {
      const client = new pg.Client({ connectionString: opened.where });
      await client.connect();
      await client.query('SET enable_seqscan = off');
      for (const by of ['page', 'device', 'locale'] as const) {
        const { rows } = await client.query(`EXPLAIN ${postgresGroupsSql(by)}`, [
          'checkout',
          '2026-11-01',
          '2026-11-02',
        ]);
        expect(rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'), by).toMatch(
          /Index Only Scan using responses_survey_at_groups/,
        );
      }
      const corpus = await client.query(`EXPLAIN ${POSTGRES_THEME_COMMENTS_SQL}`, [
        'checkout',
        '2026-11-01',
        '2026-11-02',
        5000,
      ]);
      expect(corpus.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toMatch(
        /Index Scan Backward using responses_comments/,
      );
      const { rows } = await client.query(`EXPLAIN ${POSTGRES_SURVEYS_SQL}`);
      await client.end();
      expect(rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan/);
    }
  });
});

describe('an older database', () => {
  test('SQLite: gets the covering index in place of the old one, and the segment keys of the answers it holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-migrate-'));
    const path = join(dir, 'old.db');
    try {
      const first = openSqlite(path);
      await first.insert([
        response({ segment: { plan: 'pro' } }),
        response({ survey: 'home', segment: { tier: 'a' } }),
      ]);
      await first.close();
      const old = new Database(path);
      old.exec('DROP TABLE segment_keys; DROP INDEX responses_survey_at_groups;');
      old.exec('CREATE INDEX responses_survey_at ON responses (survey, at, score)');
      old.close();
      const again = openSqlite(path);
      try {
        expect(await again.segmentKeys('checkout', 50)).toEqual(['plan']);
        expect(await again.segmentKeys('home', 50)).toEqual(['tier']);
      } finally {
        await again.close();
      }
      const db = new Database(path, { readonly: true });
      const indexes = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]
      ).map((r) => r.name);
      db.close();
      expect(indexes).toContain('responses_survey_at_groups');
      expect(indexes).not.toContain('responses_survey_at');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.skipIf(backends[1]!.skip)(
    'PostgreSQL: a database without segment_keys gets it filled; the old index goes',
    async () => {
      const opened = await backends[1]!.open();
      try {
        await opened.storage.insert([
          response({ segment: { plan: 'pro' } }),
          response({ survey: 'home', segment: { tier: 'a' } }),
        ]);
        const client = new pg.Client({ connectionString: opened.where });
        await client.connect();
        await client.query(
          'DROP TABLE segment_keys; CREATE INDEX responses_survey_at ON responses (survey, at) INCLUDE (score)',
        );
        const again = await openPostgres(opened.where);
        expect(await again.segmentKeys('checkout', 50)).toEqual(['plan']);
        expect(await again.segmentKeys('home', 50)).toEqual(['tier']);
        const { rows } = await client.query(
          "SELECT indexname FROM pg_indexes WHERE tablename = 'responses' ORDER BY 1",
        );
        await client.end();
        await again.close();
        expect(rows.map((r: { indexname: string }) => r.indexname)).toContain('responses_survey_at_groups');
        expect(rows.map((r: { indexname: string }) => r.indexname)).not.toContain('responses_survey_at');
      } finally {
        await opened.cleanup();
      }
    },
  );
});
