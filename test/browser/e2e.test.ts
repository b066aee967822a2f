import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './harness.mjs';
import { chromiumMissing } from './chromium.js';

// The whole loop of `npm start`, end to end: demo/serve.mjs (the reference collector on SQLite,
// serving the demo site and the dashboard) as a child process, the demo page in Chromium, and the
// rows read back from the SQLite file.

describe.skipIf(chromiumMissing())('npm start, end to end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-e2e-'));
  const db = join(dir, 'candor.db');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = `http://localhost:${port}`;
  let server: ChildProcess | undefined;
  let browser: Browser;
  let starts = 0;

  /** Starts `node demo/serve.mjs` on the test's port and database; resolves once it listens. */
  async function start() {
    server = spawn(process.execPath, ['demo/serve.mjs'], {
      env: { ...process.env, PORT: String(port), CANDOR_DB: db },
      stdio: 'pipe',
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.on('data', (chunk: Buffer) => (out += chunk) && out.includes('Ctrl-C stops') && resolve());
      server!.stderr!.on('data', (chunk: Buffer) => (out += chunk));
      server!.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${out}`)));
    });
    // The collector made the admin token at first start and kept it next to the database; piped
    // output (not a terminal) says where it is instead of printing it.
    token = readFileSync(join(dirname(db), 'admin-token'), 'utf8').trim();
    expect(out).not.toContain(token);
    expect(out).toContain(
      `dashboard:   ${url}/dashboard/?survey=demo#token=<the admin token in ${join(dirname(db), 'admin-token')}>`,
    );
    // The first start stores made-up answers in a survey of their own and says so; later starts
    // only say where they are.
    const sample = `sample data: ${url}/dashboard/?survey=sample#token=<the admin token in ${join(dirname(db), 'admin-token')}>`;
    expect(out).toContain(sample);
    expect(/\(1,\d{3} made-up answers, stored now\)/.test(out)).toBe(starts++ === 0);
    link = `${url}/dashboard/?survey=demo#token=${token}`;
  }
  let link = '';
  let token = '';
  /** Ctrl-C: the server closes cleanly. */
  async function stop() {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server!.kill('SIGINT');
    expect(await exited).toBe(0);
    server = undefined;
  }
  const rows = (survey = 'demo') => {
    const sqlite = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return sqlite.prepare('SELECT id, score, comment, category FROM responses WHERE survey = ?').all(survey) as {
        id: string;
        score: number;
        comment: string | null;
        category: string;
      }[];
    } finally {
      sqlite.close();
    }
  };
  const pages: Page[] = [];
  async function demoPage() {
    const context = await browser.newContext();
    const page = await context.newPage();
    pages.push(page);
    const posts: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/responses') && posts.push(r.method()));
    await page.goto(`${url}/`);
    return { page, posts };
  }

  beforeAll(async () => {
    await start();
    browser = await launch();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    if (server) await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('consent, score and comment on the demo page: one row in SQLite, and the dashboard counts it', async () => {
    const { page } = await demoPage();
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await page.getByRole('radio', { name: '9' }).click();
    await page.getByRole('textbox').fill('Sync is instant. Mail me at jane@example.com');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('delivered {"ids"').waitFor();
    expect(rows()).toEqual([
      { id: expect.any(String), score: 9, comment: 'Sync is instant. Mail me at [email]', category: 'promoter' },
    ]);
    expect((await fetch(`${url}/v1/surveys/demo/summary`)).status).toBe(401);
    const summary = await (
      await fetch(`${url}/v1/surveys/demo/summary`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(summary).toMatchObject({
      responses: 1,
      promoters: 1,
      nps: 100,
      distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
    });
    const dashboard = await browser.newPage();
    pages.push(dashboard);
    await dashboard.goto(link);
    await dashboard.getByText('Sync is instant. Mail me at [email]').waitFor();
  });

  test('leave a contact: a badge on the dashboard, the address only on "Show address", gone after "Replied"', async () => {
    const { page } = await demoPage();
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await page.getByRole('radio', { name: '2' }).click();
    await page.getByRole('textbox').fill('Export to PDF keeps failing');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'May we get back to you about this?' }).waitFor();
    await page.getByRole('textbox', { name: 'Your e-mail address (optional)' }).fill('sam@example.com');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    const contacts = () => {
      const sqlite = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return sqlite.prepare('SELECT email FROM contacts').all() as { email: string }[];
      } finally {
        sqlite.close();
      }
    };
    await expect.poll(contacts).toEqual([{ email: 'sam@example.com' }]);
    // Never in the answers, nor in their CSV.
    expect(JSON.stringify(rows())).not.toContain('sam@example.com');
    const csv = await (
      await fetch(`${url}/v1/surveys/demo/responses.csv`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    expect(csv).toContain('Export to PDF keeps failing');
    expect(csv).not.toContain('sam@example.com');
    const dashboard = await browser.newPage();
    pages.push(dashboard);
    await dashboard.goto(link);
    const replies = dashboard.locator('#replies');
    await replies.getByText('Wants a reply', { exact: true }).first().waitFor();
    expect(await dashboard.content()).not.toContain('sam@example.com');
    await replies.getByRole('button', { name: 'Show address' }).click();
    await replies.getByText('sam@example.com').waitFor();
    await replies.getByRole('button', { name: 'Replied — delete contact' }).click();
    await replies.getByText('Replied: the contact is deleted.').waitFor();
    expect(contacts()).toEqual([]);
  });

  test('"Delete my answer" on the thank-you step: the row leaves SQLite and the dashboard', async () => {
    const { page } = await demoPage();
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await page.getByRole('radio', { name: '4' }).click();
    await page.getByRole('textbox').fill('Search never finds my old notes');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: 'No thanks' }).click();
    await page.getByText('delivered {"ids"').waitFor();
    const id = rows().find((r) => r.comment === 'Search never finds my old notes')!.id;
    const dashboard = await browser.newPage();
    pages.push(dashboard);
    await dashboard.goto(link);
    await dashboard.getByText('Search never finds my old notes').waitFor();
    await page.getByRole('button', { name: 'Changed your mind? Delete my answer' }).click();
    await page.getByRole('heading', { name: 'Your answer was withdrawn' }).waitFor();
    await page.getByText(`withdrawn {"ids":["${id}"]}`).waitFor();
    expect(rows().map((r) => r.id)).not.toContain(id);
    await dashboard.reload();
    // The comments have loaded (the first test's is still there), without the withdrawn one.
    await dashboard.getByText('Sync is instant. Mail me at [email]').waitFor();
    expect(await dashboard.getByText('Search never finds my old notes').count()).toBe(0);
  });

  test('"Delete my feedback" on the page (Candor.forget): every answer of this device leaves SQLite', async () => {
    const { page } = await demoPage();
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await page.getByRole('radio', { name: '8' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'No thanks' }).click();
    await page.getByText('delivered {"ids"').waitFor();
    const log = await page.evaluate(() => document.getElementById('log')!.textContent!);
    const id = JSON.parse(/delivered (\{.*\})/.exec(log)![1]!).ids[0] as string;
    expect(rows().map((r) => r.id)).toContain(id);
    await page.getByRole('button', { name: 'Delete my feedback' }).click();
    await page.getByText(`withdrawn {"ids":["${id}"]}`).waitFor();
    expect(rows().map((r) => r.id)).not.toContain(id);
  });

  test('"No thanks": no request to the collector and no row', async () => {
    const before = rows().length;
    const { page, posts } = await demoPage();
    await page.getByRole('button', { name: 'No thanks' }).click();
    await page.getByText('dismiss {"survey"').waitFor();
    await page.waitForTimeout(500);
    expect(posts).toEqual([]);
    expect(rows()).toHaveLength(before);
  });

  test('collector stopped: the answer waits on the device, and arrives once the collector is back', async () => {
    const before = rows().map((r) => r.id);
    const { page } = await demoPage();
    await page.getByRole('button', { name: "Yes, I'll answer" }).click();
    await stop();
    await page.getByRole('radio', { name: '3' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'No thanks' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    // The first attempt fails (connection refused) and is kept for a retry.
    await expect.poll(() => page.evaluate(() => document.getElementById('log')!.textContent)).toContain('submit');
    await page.waitForTimeout(1000);
    await start();
    // Retried after its backoff (a few seconds); nothing waits for longer than that.
    const added = () => rows().filter((r) => !before.includes(r.id));
    await expect.poll(() => added().length, { timeout: 15_000 }).toBe(1);
    expect(added()[0]).toMatchObject({ score: 3, category: 'detractor', comment: null });
  }, 60_000);

  test('the same response posted twice is stored once', async () => {
    const id = '3f0e9a52-7c1d-4b8e-9f21-6a4c2b1d0e99';
    const batch = {
      v: 1,
      responses: [
        {
          id,
          survey: 'twice',
          score: 7,
          category: 'passive',
          locale: 'en',
          page: '/',
          device: 'desktop',
          at: '2026-11-23T01:00:00Z',
          consentVersion: '1',
          sdk: '0.1.0',
        },
      ],
    };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(batch),
      });
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
    }
    expect(rows('twice').map((r) => r.id)).toEqual([id]);
  });
});
