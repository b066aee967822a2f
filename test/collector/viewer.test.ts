// The viewer token: the team reads aggregates only (summaries whole weeks at a time, no daily series,
// nothing below the minimum group), never an answer one by one; the admin's reads are unchanged.
// Real HTTP, SQLite and PostgreSQL.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readConfig } from '../../demo/collector/config.js';
import { startCollector } from '../../demo/collector/start.js';
import { backends, postgres, sqlite } from './backends.js';
import { eachLive } from './eachLive.js';
import { batch, contact, response, withContacts } from './fixtures.js';
import { errorOf, json } from './harness.js';
import { TOKEN } from './live.js';

const VIEWER = 'viewer-token-0123456789abcdef0123456789abcdef';
const session = eachLive();
const asViewer = (path: string, token = VIEWER) =>
  fetch(`${session.c.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** `count` answers of `score` on `day` (10:00 UTC). */
const answers = (day: string, score: number, count: number) =>
  Array.from({ length: count }, () => response({ score, at: `${day}T10:00:00Z` }));

describe.each(backends)('$name', (backend) => {
  describe.skipIf(backend.skip)('a viewer', () => {
    test('reads a summary widened to whole weeks, without the daily series; the admin gets the days asked for', async () => {
      const c = await session.start(backend, { CANDOR_VIEWER_TOKEN: VIEWER, CANDOR_MIN_GROUP: '5' });
      await c.post(
        batch(...answers('2026-11-16', 10, 6), ...answers('2026-11-18', 0, 6), ...answers('2026-11-21', 9, 6)),
      );
      // Wednesday to Friday: the viewer's read covers Monday 16 to Sunday 22 November.
      const path = '/v1/surveys/checkout/summary?from=2026-11-18&to=2026-11-20';
      const viewer = await json(await asViewer(path));
      expect(viewer).toMatchObject({ from: '2026-11-16', to: '2026-11-22', responses: 18, suppressed: false });
      expect(viewer.nps).toBeCloseTo((100 * (12 - 6)) / 18, 1);
      expect(viewer).not.toHaveProperty('daily');
      expect(viewer.previous).toMatchObject({ from: '2026-11-09', to: '2026-11-15', n: 0 });
      const admin = await json(await c.read(path));
      expect(admin).toMatchObject({ from: '2026-11-18', to: '2026-11-20', responses: 6, nps: -100 });
      expect(admin.daily).toHaveLength(3);
    });

    test('gets 403 for every answer one by one (CSV, comments, replies, a contact) and for metrics; the admin does not', async () => {
      const c = await session.start(backend, { CANDOR_VIEWER_TOKEN: VIEWER });
      const answer = response({ score: 2, comment: 'Checkout failed twice', at: '2026-11-20T10:00:00Z' });
      const left = contact(answer.id);
      expect((await c.post(withContacts([answer], [left]))).status).toBe(200);
      const adminOnly = [
        '/v1/surveys/checkout/responses.csv?from=2026-11-01&to=2026-11-30',
        '/v1/surveys/checkout/comments',
        '/v1/surveys/checkout/replies',
        `/v1/contacts/${left.id}`,
        '/metrics',
      ];
      for (const path of adminOnly) {
        const res = await asViewer(path);
        expect(res.status, path).toBe(403);
        expect(await errorOf(res)).toBe(
          `forbidden: ${path.split('?')[0]} needs the admin token; the viewer token reads aggregates only`,
        );
        expect((await c.read(path)).status, path).toBe(200);
      }
      // A viewer cannot delete a contact either (the team replied: the admin's act).
      const del = await fetch(`${c.url}/v1/contacts/${left.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${VIEWER}` },
      });
      expect(del.status).toBe(403);
      expect((await c.read(`/v1/contacts/${left.id}`)).status).toBe(200);
    });

    test('sees no NPS, interval, categories or distribution for a period below the minimum group; nor for such a previous period', async () => {
      const c = await session.start(backend, { CANDOR_VIEWER_TOKEN: VIEWER }); // minimum group: 10
      await c.post(batch(...answers('2026-11-17', 0, 1), ...answers('2026-11-17', 10, 3)));
      await c.post(batch(...answers('2026-11-10', 9, 20)));
      await c.post(batch(...answers('2026-11-03', 3, 4)));
      const thin = await json(await asViewer('/v1/surveys/checkout/summary?from=2026-11-16&to=2026-11-22'));
      expect(thin).toMatchObject({
        responses: 4,
        suppressed: true,
        nps: null,
        interval: null,
        promoters: null,
        passives: null,
        detractors: null,
        distribution: [],
      });
      // The previous week has 20: shown, but no change is computed against a hidden figure.
      expect(thin.previous).toMatchObject({ n: 20, nps: 100, change: null, significant: null, p: null });
      expect(thin.trend.buckets.every((b: { n: number | null }) => b.n === null)).toBe(true);
      // The week of 9 November is shown; its previous week (4 answers) is not.
      const shown = await json(await asViewer('/v1/surveys/checkout/summary?from=2026-11-09&to=2026-11-15'));
      expect(shown).toMatchObject({ responses: 20, nps: 100, suppressed: false });
      expect(shown.previous).toMatchObject({ n: 4, nps: null, interval: null, change: null, significant: null });
      // The admin sees both in full.
      const admin = await json(await c.read('/v1/surveys/checkout/summary?from=2026-11-16&to=2026-11-22'));
      expect(admin).toMatchObject({ responses: 4, nps: 50, promoters: 3, detractors: 1 });
      expect(admin.interval).not.toBeNull();
    });

    test('a wrong token is 401 whichever it resembles; the viewer token is not the admin token', async () => {
      const c = await session.start(backend, { CANDOR_VIEWER_TOKEN: VIEWER });
      expect((await asViewer('/v1/surveys/checkout/summary', `${VIEWER}x`)).status).toBe(401);
      expect((await asViewer('/v1/surveys/checkout/summary', TOKEN)).status).toBe(200);
      expect((await asViewer('/v1/surveys/checkout/comments', TOKEN)).status).toBe(200);
      expect(c.running.viewerDashboard).toBe(`${c.url}/dashboard/`);
    });
  });
});

describe('the viewer token', () => {
  test('made at first start with SQLite, kept next to the admin token (0600)', async () => {
    const c = await session.start(sqlite);
    const file = join(dirname(c.where), 'viewer-token');
    const made = readFileSync(file, 'utf8').trim();
    expect(made.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(c.running.viewerDashboard).toBe(`${c.url}/dashboard/#token=${made}`);
    expect(c.running.viewerTokenFile).toBe(file);
    expect((await asViewer('/v1/surveys/checkout/summary', made)).status).toBe(200);
    expect((await asViewer('/v1/surveys/checkout/comments', made)).status).toBe(403);
  });

  test.skipIf(postgres.skip)(
    'off with PostgreSQL unless CANDOR_VIEWER_TOKEN is set: no instance makes one up alone',
    async () => {
      const c = await session.start(postgres);
      expect(c.running.viewerDashboard).toBeUndefined();
      expect(c.running.viewerTokenFile).toBeUndefined();
    },
  );

  test('the admin token kept in its file cannot be the viewer token either: the start fails, saying why', async () => {
    const c = await session.start(sqlite, { CANDOR_ADMIN_TOKEN: '' });
    const kept = readFileSync(join(dirname(c.where), 'admin-token'), 'utf8').trim();
    await expect(
      startCollector({
        PORT: '0',
        HOST: '127.0.0.1',
        CANDOR_DB: c.where,
        CANDOR_LOG_LEVEL: 'silent',
        CANDOR_VIEWER_TOKEN: kept,
      }),
    ).rejects.toThrow('CANDOR_VIEWER_TOKEN: the viewer token is the admin token; give the team a token of its own');
  });

  test('a configured one is checked like the admin token, and must differ from it', () => {
    expect(() => readConfig({ CANDOR_VIEWER_TOKEN: 'short' })).toThrow(
      'CANDOR_VIEWER_TOKEN: expected at least 32 characters (make one with `openssl rand -hex 32`)',
    );
    expect(() => readConfig({ CANDOR_VIEWER_TOKEN: 'with a space 0123456789abcdef0123456789' })).toThrow(
      /^CANDOR_VIEWER_TOKEN: expected visible ASCII characters only/,
    );
    expect(() => readConfig({ CANDOR_ADMIN_TOKEN: VIEWER, CANDOR_VIEWER_TOKEN: VIEWER })).toThrow(
      'CANDOR_VIEWER_TOKEN: expected a token other than CANDOR_ADMIN_TOKEN',
    );
  });
});
