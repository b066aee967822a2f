import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CSV_HEADER } from '../../demo/collector/csv.js';
import { DASHBOARD_CSP } from '../../demo/collector/dashboard.js';
import { npsInterval } from '../../demo/collector/insights/interval.js';
import { startCollector, type RunningCollector } from '../../demo/collector/start.js';
import type { NpsResponse } from '../../src/response.js';
import { batch, contact, response, withContacts } from '../collector/fixtures.js';
import { PLANTED, themeFixture } from '../collector/themeFixture.js';
import { axe, launch } from './harness.mjs';
import { chromiumMissing } from './chromium.js';

// The NPS dashboard the collector serves: the real collector
// in-process on a temporary SQLite file, a known set of answers posted in the
// wire format, and the page read in real Chromium under its strict policy.

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TODAY = dayOf(Date.now());
/** The dashboard's default range: the last 30 UTC days, today included. */
const FROM = dayOf(Date.now() - 29 * DAY_MS);
const daysAgo = (n: number, hour = 10) => `${dayOf(Date.now() - n * DAY_MS)}T${String(hour).padStart(2, '0')}:00:00Z`;
const longDay = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const formatDay = (day: string) => longDay.format(Date.parse(`${day}T00:00:00Z`));
const formatNps = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
const npsOf = (rows: readonly NpsResponse[]) => {
  const p = rows.filter((r) => r.score >= 9).length;
  const d = rows.filter((r) => r.score <= 6).length;
  return Math.round((1000 * (p - d)) / rows.length) / 10;
};

const HOSTILE = '<img src=x onerror=alert(1)>';
const SURVEY = 'shop';
/** Answers in the default range, on five UTC days; comments at distinct hours, so their order is known. */
const IN_RANGE = [
  response({ survey: SURVEY, score: 10, at: daysAgo(1, 11), comment: 'Love the new checkout', device: 'mobile' }),
  response({ survey: SURVEY, score: 9, at: daysAgo(1, 10), device: 'mobile' }),
  response({ survey: SURVEY, score: 3, at: daysAgo(1, 9), comment: HOSTILE, device: 'mobile' }),
  response({ survey: SURVEY, score: 7, at: daysAgo(3), comment: 'Fine,\nbut a bit slow', device: 'tablet' }),
  response({ survey: SURVEY, score: 10, at: daysAgo(3) }),
  response({ survey: SURVEY, score: 0, at: daysAgo(5), comment: 'Card declined twice' }),
  response({ survey: SURVEY, score: 8, at: daysAgo(5) }),
  response({ survey: SURVEY, score: 6, at: daysAgo(9) }),
  response({ survey: SURVEY, score: 10, at: daysAgo(12), comment: 'Great' }),
];
/** Outside the default range: in no figure (and without a comment, so not in the comments either). */
const TOO_OLD = response({ survey: SURVEY, score: 0, at: daysAgo(45) });
/** Newest first, as the page lists them. */
const COMMENTS = IN_RANGE.filter((r) => r.comment).sort((a, b) => (a.at < b.at ? 1 : -1));
/**
 * Addresses left for a reply: one with an answer without a comment (yesterday), one with the comment
 * "Card declined twice" (five days ago). Newest first, as "Wants a reply" lists them.
 */
const WANTS_REPLY = [
  contact(IN_RANGE[1]!.id, { email: 'ana.card+nps@example.com', at: IN_RANGE[1]!.at }),
  contact(IN_RANGE[5]!.id, { email: 'bo@shop.example', at: IN_RANGE[5]!.at, retentionDays: 7 }),
];

const TOKEN = 'dashboard-test-token-0123456789abcdef';
const PRIVATE = [
  response({ survey: 'private', score: 10, at: daysAgo(2) }),
  response({ survey: 'private', score: 10, at: daysAgo(2) }),
  response({ survey: 'private', score: 2, at: daysAgo(4), comment: 'Too expensive' }),
];

const SHOTS = join(process.cwd(), 'screenshots');
let dir: string;
let open: RunningCollector;
let locked: RunningCollector;

async function post(collector: RunningCollector, rows: readonly NpsResponse[]) {
  const res = await fetch(`${collector.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: batch(...rows),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ stored: rows.length, duplicates: 0 });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'candor-dashboard-'));
  // No admin token configured: the collector makes one, and its dashboard link carries it.
  // A minimum group of 2: the fixture's few answers make weeks and groups that are shown (and one that is not).
  open = await startCollector({
    CANDOR_DB: join(dir, 'open.db'),
    PORT: '0',
    CANDOR_LOG_LEVEL: 'silent',
    CANDOR_MIN_GROUP: '2',
  });
  locked = await startCollector({
    CANDOR_DB: join(dir, 'locked.db'),
    PORT: '0',
    CANDOR_ADMIN_TOKEN: TOKEN,
    CANDOR_LOG_LEVEL: 'silent',
  });
  await post(open, [...IN_RANGE, TOO_OLD]);
  await post(locked, PRIVATE);
  const res = await fetch(`${open.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: withContacts([], WANTS_REPLY),
  });
  expect(await res.json()).toMatchObject({ contacts: { stored: 2, duplicates: 0 } });
});
afterAll(async () => {
  await open?.close();
  await locked?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A read of `SURVEY` (`what`: "summary?from=…") with the admin token `open` made. */
const apiRead = (what: string) =>
  fetch(`${open.url}/v1/surveys/${SURVEY}/${what}`, {
    headers: { authorization: `Bearer ${open.dashboard.split('#token=')[1]}` },
  });

interface Bucket {
  from: string;
  to: string;
  n: number | null;
  nps: number | null;
  interval: { low: number; high: number } | null;
}

/** A breakdown table's row as the page writes it: value, answers, "NPS ± margin", the interval. */
function groupRow(value: string, n: number, promoters: number, detractors: number): string[] {
  const nps = Math.round((1000 * (promoters - detractors)) / n) / 10 + 0;
  const interval = npsInterval({ promoters, detractors, n })!;
  return [
    value,
    String(n),
    `${formatNps(nps)} ± ${Math.round((interval.high - interval.low) / 2)}`,
    `${formatNps(interval.low)} to ${formatNps(interval.high)}`,
  ];
}

/** The dashboard link `open` printed (`…/dashboard/#token=…`) with `query` added before the fragment. */
function linked(query: string): string {
  const [base, fragment] = open.dashboard.split('#');
  expect(fragment).toMatch(/^token=/);
  return `${base}?${query}#${fragment}`;
}

describe('dashboard routes', () => {
  const get = (path: string) => open.app.request(`http://localhost${path}`);

  test('/dashboard redirects to /dashboard/ and keeps the query', async () => {
    const res = await get('/dashboard?survey=shop');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/dashboard/?survey=shop');
  });

  test('serves the page under the strict policy, and its files and uPlot with their types', async () => {
    const page = await get('/dashboard/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self';");
    expect(DASHBOARD_CSP).toContain("style-src 'self';");
    const html = await page.text();
    // No inline script or style in the markup: every script has a src, no style attribute or element.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|<style/);

    for (const [path, type] of [
      ['/dashboard/dashboard.js', 'text/javascript; charset=utf-8'],
      ['/dashboard/dashboard.css', 'text/css; charset=utf-8'],
      ['/vendor/uplot/uPlot.iife.min.js', 'text/javascript; charset=utf-8'],
      ['/vendor/uplot/uPlot.min.css', 'text/css; charset=utf-8'],
    ]) {
      const res = await get(path!);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect(await (await get('/vendor/uplot/uPlot.iife.min.js')).text()).toContain('uPlot');
  });

  test('serves nothing else: other uPlot files, other paths and traversal attempts are 404', async () => {
    for (const path of [
      '/vendor/uplot/uPlot.esm.js',
      '/vendor/uplot/package.json',
      '/vendor/uplot/..%2Fpackage.json',
      '/vendor/uplot/..%2F..%2F..%2Fpackage.json',
      '/dashboard/..%2F..%2Fpackage.json',
      '/dashboard/%2e%2e%2f%2e%2e%2fpackage.json',
      '/dashboard/..%5C..%5Cpackage.json',
      '/dashboard/nope.js',
      '/dashboard/a/dashboard.js',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('candor-nps');
    }
    // Over a real socket, with the dot segments not normalised by a URL parser on the way.
    for (const path of ['/dashboard/../../package.json', '/vendor/uplot/../../../package.json']) {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(open.url, { path }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status, path).toBe(404);
      expect(body, path).not.toContain('"name": "candor-nps"');
    }
  });

  test('the compiled collector (build/, what npm start runs) finds the same files', async () => {
    // A URL, not a module path: type-checking runs before the build, and must not look for build/.
    const compiled = new URL('../../demo/collector/dist/demo/collector/dashboard.js', import.meta.url).href;
    const built = (await import(compiled).catch(() => {
      throw new Error(
        'demo/collector/dist/demo/collector/dashboard.js is missing: run "npm run build:collector" first',
      );
    })) as { mountDashboard: (app: Hono) => void };
    const app = new Hono();
    built.mountDashboard(app);
    const source = readFileSync(join(process.cwd(), 'demo/dashboard/index.html'), 'utf8');
    expect(await (await app.request('http://localhost/dashboard/')).text()).toBe(source);
    expect((await app.request('http://localhost/vendor/uplot/uPlot.min.css')).status).toBe(200);
  });
});

interface Opened {
  page: Page;
  /** Errors thrown into the page, console errors, and alerts. */
  problems: string[];
}

describe.skipIf(chromiumMissing())('NPS dashboard in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openPage(
    url: string,
    { scheme = 'light', width = 1280 }: { scheme?: 'light' | 'dark'; width?: number } = {},
  ): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    // Injected through DevTools, before any page script: the policy allows no inline recorder.
    await page.addInitScript(() => {
      const seen: { directive: string; blocked: string }[] = [];
      (window as unknown as { cspViolations: typeof seen }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
      );
    });
    await page.goto(url);
    await page
      .locator('#report:not([hidden]), #surveys:not([hidden]), #auth:not([hidden]), #error:not([hidden])')
      .waitFor();
    return { page, problems };
  }

  // Violation events are queued as tasks: let one more pass before reading them.
  const violations = async (page: Page) => {
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    return page.evaluate(() => (window as unknown as { cspViolations: unknown[] }).cspViolations);
  };

  /** axe-core, loaded through DevTools: the harness's inline script tag is (rightly) refused by the policy. */
  async function audit(page: Page) {
    const { source } = await import('axe-core');
    await page.evaluate(source);
    return axe(page);
  }

  const texts = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));

  const rowsOf = (page: Page, table: string) =>
    page
      .locator(`${table} tbody tr`)
      .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));

  /** How many pixels of each colour (hex) the canvas in `selector` has. */
  const pixels = (page: Page, selector: string, colours: string[]) =>
    page.locator(`${selector} canvas`).evaluate((canvas: HTMLCanvasElement, hexes: string[]) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const wanted = hexes.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      const counts = hexes.map(() => 0);
      for (let i = 0; i < data.length; i += 4)
        wanted.forEach(([r, g, b], k) => {
          if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) counts[k]!++;
        });
      return counts;
    }, colours);

  const cssVar = (page: Page, name: string) =>
    page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);

  async function downloadCsv(page: Page) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /CSV/ }).click(),
    ]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  }

  test('shows the NPS, counts, both charts, the 0–10 table and the comments of the answers, with zero violations', async () => {
    const { page, problems } = await openPage(linked(`survey=${SURVEY}`));

    const promoters = IN_RANGE.filter((r) => r.score >= 9).length;
    const passives = IN_RANGE.filter((r) => r.score === 7 || r.score === 8).length;
    const detractors = IN_RANGE.filter((r) => r.score <= 6).length;
    const share = (n: number) => `${Math.round((100 * n) / IN_RANGE.length)}%`;
    expect(npsOf(IN_RANGE)).toBe(11.1); // the fixture's figure, worked out by hand: (4 − 3) / 9
    expect(await page.locator('#nps').textContent()).toBe(formatNps(npsOf(IN_RANGE)));
    expect(await page.locator('#responses').textContent()).toBe(String(IN_RANGE.length));
    expect(await texts(page, '#promoters, #passives, #detractors')).toEqual(
      [promoters, passives, detractors].map(String),
    );
    expect(await texts(page, '#promoters-share, #passives-share, #detractors-share')).toEqual(
      [promoters, passives, detractors].map(share),
    );
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`NPS of ${SURVEY}`);
    expect(await page.locator('#status').textContent()).toBe(
      `${IN_RANGE.length} responses, ${formatDay(FROM)} to ${formatDay(TODAY)} (UTC)`,
    );
    expect(await page.locator('#survey').inputValue()).toBe(SURVEY);
    expect([await page.locator('#from').inputValue(), await page.locator('#to').inputValue()]).toEqual([FROM, TODAY]);

    // Both charts drawn by uPlot: a sized canvas each, with the line and each category's bars painted.
    for (const chart of ['#trend-chart', '#scores-chart']) {
      const box = await page.locator(`${chart} canvas`).boundingBox();
      expect(box!.width, chart).toBeGreaterThan(400);
      expect(box!.height, chart).toBeGreaterThanOrEqual(200);
    }
    expect((await pixels(page, '#trend-chart', [await cssVar(page, '--accent')]))[0]).toBeGreaterThan(100);
    const categories = ['--detractor', '--passive', '--promoter'];
    const barPixels = await pixels(page, '#scores-chart', await Promise.all(categories.map((c) => cssVar(page, c))));
    for (const [i, n] of barPixels.entries()) expect(n, categories[i]).toBeGreaterThan(500);

    // The same data for screen readers: captions and tables.
    expect(await page.locator('#trend-chart').getAttribute('aria-hidden')).toBe('true');
    expect(await page.getByRole('figure', { name: /^Weekly NPS with its 95% interval/ }).count()).toBe(1);
    expect(await page.getByRole('figure', { name: /Most often 10 \(3 of 9\)/ }).count()).toBe(1);
    const distribution = Array.from({ length: 11 }, (_, score) => [
      String(score),
      String(IN_RANGE.filter((r) => r.score === score).length),
      score >= 9 ? 'Promoter' : score >= 7 ? 'Passive' : 'Detractor',
    ]);
    expect(await rowsOf(page, '#scores-table')).toEqual(distribution);
    // Every week of the range, oldest first, as the collector computed it: a gap says so.
    const summary = await (await apiRead(`summary?from=${FROM}&to=${TODAY}`)).json();
    expect(summary.trend.unit).toBe('week');
    expect(summary.trend.buckets.some((b: { nps: number | null }) => b.nps !== null)).toBe(true);
    expect(await rowsOf(page, '#trend-table')).toEqual(
      summary.trend.buckets.map((b: Bucket) => [
        b.from === b.to ? formatDay(b.from) : `${formatDay(b.from)} – ${formatDay(b.to)}`,
        b.n === null ? 'fewer than 2 (hidden)' : String(b.n),
        b.nps === null ? '—' : formatNps(b.nps),
        b.interval ? `${formatNps(b.interval.low)} to ${formatNps(b.interval.high)}` : '—',
      ]),
    );
    // The headline's margin and interval are the summary's.
    expect(await page.locator('#nps-margin').textContent()).toBe(
      `± ${Math.round((summary.interval.high - summary.interval.low) / 2)}`,
    );
    expect(await page.locator('#nps-hint').textContent()).toBe(
      `95% interval ${formatNps(summary.interval.low)} to ${formatNps(summary.interval.high)}`,
    );
    // The change from the previous 30 days (one answer then, a detractor), and whether it is beyond noise.
    expect(await page.locator('#change').textContent()).toBe(
      `Up ${summary.previous.change} points from ${formatNps(summary.previous.nps)} in the previous 30 days ` +
        `(${formatDay(summary.previous.from)} – ${formatDay(summary.previous.to)}): within noise (p = ${summary.previous.p.toFixed(2)}).`,
    );
    expect(summary.previous).toMatchObject({ n: 1, nps: -100, significant: false });
    // The band: the interval's translucent fill behind the line (the accent at 16% on the canvas).
    expect(await cssVar(page, '--band')).toBe('rgba(9, 105, 218, 0.16)');
    const band = await page.locator('#trend-chart canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (Math.abs(data[i + 3]! - 41) <= 2 && Math.abs(data[i]! - 9) <= 3 && Math.abs(data[i + 2]! - 218) <= 3) n++;
      return n;
    });
    expect(band).toBeGreaterThan(1000);

    // NPS by group, by device: the one tablet answer is hidden, and mobile (3) with it, so neither
    // can be worked out from the total; desktop (5) is shown.
    expect(await rowsOf(page, '#breakdown-table')).toEqual([groupRow('desktop', 5, 2, 2)]);
    expect(await page.locator('#breakdown-note').textContent()).toBe(
      '2 groups are hidden: fewer than 2 answers, or hidden with one so it cannot be worked out from the total.',
    );
    await page.locator('#breakdown').screenshot({ path: join(SHOTS, 'dashboard-breakdown-light-1280.png') });
    await page.getByLabel('Group by').selectOption('locale');
    await expect.poll(() => rowsOf(page, '#breakdown-table')).toEqual([groupRow('en', 9, 4, 3)]);
    expect(await page.locator('#breakdown-note').textContent()).toBe('');

    // Comments, newest first, as text: the markup-looking one shows literally and made no element.
    expect(await texts(page, '.comment-text')).toEqual(COMMENTS.map((c) => c.comment!.trim()));
    expect(await page.locator('.comment-text', { hasText: HOSTILE }).count()).toBe(1);
    expect(await page.locator('main img, main [onerror]').count()).toBe(0);
    expect(await texts(page, '.comment .badge')).toEqual(COMMENTS.map((c) => `Score ${c.score}`));
    expect(await page.locator('.comment time').first().getAttribute('datetime')).toBe(COMMENTS[0]!.at.slice(0, 10));
    expect(await page.locator('.comment time').first().textContent()).toBe(formatDay(COMMENTS[0]!.at.slice(0, 10)));

    // The CSV link: this survey's answers of the range, not the old one.
    const csv = await downloadCsv(page);
    expect(csv.name).toBe(`${SURVEY}_${FROM}_${TODAY}.csv`);
    const lines = csv.text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(`\uFEFF${CSV_HEADER.map((name) => `"${name}"`).join(',')}`);
    expect(
      lines
        .slice(1)
        .map((line) => line.slice(1, 37))
        .sort(),
    ).toEqual(IN_RANGE.map((r) => r.id).sort());

    await page.getByText('The scores as a table').click(); // a disclosure opens (and is audited open)
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'dashboard-light-1280.png'), fullPage: true });

    // The recorder sees violations (so zero above means something), and the policy refuses HTML sinks.
    await page.evaluate(() => {
      document.body.setAttribute('style', 'color: red');
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
      } catch {
        // Trusted Types throws, as it should.
      }
    });
    expect(((await violations(page)) as { directive: string }[]).map((v) => v.directive).sort()).toEqual([
      'require-trusted-types-for',
      'style-src-attr',
    ]);
    await page.close();
  });

  test('in dark mode the page and the charts take the dark colours, with zero axe and CSP violations', async () => {
    const { page, problems } = await openPage(linked(`survey=${SURVEY}`), { scheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(13, 17, 23)',
    );
    const promoter = await cssVar(page, '--promoter');
    expect(promoter).toBe('#3fb950');
    expect((await pixels(page, '#scores-chart', [promoter]))[0]).toBeGreaterThan(500);
    expect(await page.locator('#nps').textContent()).toBe(formatNps(npsOf(IN_RANGE)));
    await page.getByText('The trend as a table').click();
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'dashboard-dark-1280.png'), fullPage: true });

    // Switching the scheme while open redraws the charts in the other colours.
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await cssVar(page, '--promoter');
    expect(light).toBe('#1a7f37');
    await expect.poll(async () => (await pixels(page, '#scores-chart', [light]))[0]).toBeGreaterThan(500);
    expect((await pixels(page, '#scores-chart', [promoter]))[0]).toBe(0);
    await page.close();
  });

  test.each(['light', 'dark'] as const)('at 390 px wide (%s) the charts fit the screen', async (scheme) => {
    const { page, problems } = await openPage(linked(`survey=${SURVEY}`), { scheme, width: 390 });
    for (const chart of ['#trend-chart', '#scores-chart']) {
      const box = (await page.locator(`${chart} canvas`).boundingBox())!;
      expect(box.width, chart).toBeGreaterThan(250);
      expect(box.x + box.width, chart).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `dashboard-${scheme}-390.png`), fullPage: true });

    // The charts follow their container when the window grows.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect
      .poll(async () => (await page.locator('#scores-chart canvas').boundingBox())!.width)
      .toBeGreaterThan(400);
    await page.close();
  });

  test('the form works from the keyboard, and a survey without answers shows an intentional empty state', async () => {
    const { page, problems } = await openPage(linked(`survey=${SURVEY}`));
    await page.keyboard.press('Tab'); // the skip link
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the dashboard');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('All surveys');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('survey');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('nobody-yet');
    await page.keyboard.press('Enter');
    await page.waitForURL(/survey=nobody-yet/);
    expect(new URL(page.url()).searchParams.get('from')).toBe(FROM);
    await page.locator('#report:not([hidden])').waitFor();

    expect(await page.locator('#nps').textContent()).toBe('—');
    expect(await page.locator('#nps-hint').textContent()).toBe('no answers to score yet');
    expect(await texts(page, '#responses, #promoters, #passives, #detractors')).toEqual(['0', '0', '0', '0']);
    expect(await texts(page, '#promoters-share, #passives-share, #detractors-share')).toEqual(['', '', '']);
    const empty = page.getByRole('region', { name: 'No responses yet' });
    expect(await empty.isVisible()).toBe(true);
    expect(await empty.textContent()).toContain(
      `Survey “nobody-yet” has no answers from ${formatDay(FROM)} to ${formatDay(TODAY)}.`,
    );
    expect(await page.locator('#charts').isVisible()).toBe(false);
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await page.getByRole('link', { name: /CSV/ }).isVisible()).toBe(false);
    expect(await page.getByText('No comments yet.').isVisible()).toBe(true);
    expect(await page.locator('#status').textContent()).toBe(
      `0 responses, ${formatDay(FROM)} to ${formatDay(TODAY)} (UTC)`,
    );
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'dashboard-empty-light-1280.png'), fullPage: true });
    await page.close();
  });

  test("a bad date in the URL shows the collector's reason instead of figures", async () => {
    const { page, problems } = await openPage(linked(`survey=${SURVEY}&from=2026-02-30`));
    expect(await page.getByRole('region', { name: 'The numbers could not be loaded' }).isVisible()).toBe(true);
    expect(await page.locator('#error-message').textContent()).toBe(
      'from: expected a date such as "2026-11-01", got "2026-02-30"',
    );
    expect(await page.locator('#report').isVisible()).toBe(false);
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    // Chromium logs the 400 of the summary read; nothing else.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await page.close();
  });

  test('the link printed at start: the token moves from the fragment into sessionStorage and out of the address bar and history', async () => {
    const { page, problems } = await openPage(linked(`survey=${SURVEY}`));
    await page.locator('#report:not([hidden])').waitFor();
    expect(page.url()).toBe(`${open.url}/dashboard/?survey=${SURVEY}`);
    const token = open.dashboard.split('#token=')[1];
    expect(await page.evaluate(() => sessionStorage.getItem('candor-admin-token'))).toBe(token);
    // The entry was replaced, not added: back leads to where the tab was before (a blank page), and
    // forward to the page without the token, which reads with the kept one.
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await page.goForward();
    expect(page.url()).toBe(`${open.url}/dashboard/?survey=${SURVEY}`);
    await page.locator('#report:not([hidden])').waitFor();
    // Without the link, another tab is asked for the token: nothing but the link and the tab's storage knows it.
    const other = await openPage(`${open.url}/dashboard/?survey=${SURVEY}`);
    await other.page.locator('#auth:not([hidden])').waitFor();
    expect(problems).toEqual([]);
    await other.page.close();
    await page.close();
  });

  test('with CANDOR_ADMIN_TOKEN set, a request without it gets the token form; with it the data loads', async () => {
    const { page, problems } = await openPage(`${locked.url}/dashboard/?survey=private`, {
      scheme: 'dark',
      width: 390,
    });
    const auth = page.getByRole('region', { name: 'Token needed' });
    expect(await auth.isVisible()).toBe(true);
    expect(await page.locator('#auth-message').textContent()).toBe(
      'authorization: missing, expected "Bearer <admin or viewer token>" (CANDOR_ADMIN_TOKEN or CANDOR_VIEWER_TOKEN, or the links the collector printed at start)',
    );
    expect(await page.locator('#report').isVisible()).toBe(false);
    expect(await page.locator('.comment').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token');
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'dashboard-token-dark-390.png'), fullPage: true });

    // A wrong token: asked again, with the collector's reason.
    await page.keyboard.type('not-the-token-at-all');
    await page.keyboard.press('Enter');
    await page.locator('#auth-message', { hasText: 'wrong token' }).waitFor();

    await page.getByRole('textbox', { name: /^Admin or viewer token/ }).fill(TOKEN);
    await page.getByRole('button', { name: 'Load the dashboard' }).click();
    await page.locator('#report:not([hidden])').waitFor();
    expect(await auth.isVisible()).toBe(false);
    expect(await page.locator('#nps').textContent()).toBe(formatNps(npsOf(PRIVATE)));
    expect(await page.locator('#responses').textContent()).toBe('3');
    expect(await texts(page, '.comment-text')).toEqual(['Too expensive']);

    // Kept for the tab: a reload reads at once; the CSV comes with the token too (a plain link could not).
    await page.reload();
    await page.locator('#report:not([hidden])').waitFor();
    expect(await page.locator('#nps').textContent()).toBe(formatNps(npsOf(PRIVATE)));
    const csv = await downloadCsv(page);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1 + PRIVATE.length);
    for (const r of PRIVATE) expect(csv.text).toContain(r.id);
    const direct = await fetch(`${locked.url}/v1/surveys/private/responses.csv`);
    expect(direct.status).toBe(401);

    // Forgetting it asks again.
    await page.getByRole('button', { name: 'Forget the token' }).click();
    await page.locator('#auth:not([hidden])').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await violations(page)).toEqual([]);
    // The 401s of the reads are the only console errors (Chromium logs failed fetches).
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await page.close();
  });

  /** The page's text and markup, for "the address is not there". */
  const everything = (page: Page) => page.evaluate(() => document.documentElement.outerHTML);
  /** Requests the page made for one contact. */
  function contactCalls(page: Page) {
    const calls: { method: string; url: string; auth: string | undefined }[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/v1/contacts/'))
        calls.push({ method: req.method(), url: req.url(), auth: req.headers().authorization });
    });
    return calls;
  }
  const token = () => open.dashboard.split('#token=')[1]!;

  test("the team's link (viewer token): figures, trend and groups over whole weeks, no answers one by one; a thin week hides its NPS", async () => {
    const [base, fragment] = open.viewerDashboard!.split('#');
    expect(fragment).toMatch(/^token=/);
    const { page, problems } = await openPage(`${base}?survey=${SURVEY}#${fragment}`);
    const summary = await (
      await fetch(`${open.url}/v1/surveys/${SURVEY}/summary?from=${FROM}&to=${TODAY}`, {
        headers: { authorization: `Bearer ${fragment!.slice(6)}` },
      })
    ).json();
    expect(summary).toMatchObject({ role: 'viewer', suppressed: false });
    expect(await page.locator('#status').textContent()).toBe(
      `${summary.responses} responses, ${formatDay(summary.from)} to ${formatDay(summary.to)} (UTC, whole weeks)`,
    );
    expect(await page.locator('#nps').textContent()).toBe(formatNps(summary.nps));
    expect(await page.locator('#trend-chart canvas').count()).toBe(1);
    expect(await page.locator('#breakdown-table tbody tr').count()).toBeGreaterThan(0);
    // Nothing one by one: no replies, no comments, no CSV link; and none was even asked for.
    for (const name of ['Wants a reply', 'Comments'])
      expect(await page.getByRole('region', { name, exact: true }).isVisible(), name).toBe(false);
    expect(await page.getByRole('button', { name: /Read the comments/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /CSV/ }).isVisible()).toBe(false);
    expect(await page.locator('.comment-text').count()).toBe(0);
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'dashboard-viewer-light-1280.png'), fullPage: true });
    await page.close();

    // The week of the one old answer: its count, but no NPS, interval or groups.
    const old = TOO_OLD.at.slice(0, 10);
    const thin = await openPage(`${base}?survey=${SURVEY}&from=${old}&to=${old}#${fragment}`, { scheme: 'dark' });
    expect(await thin.page.locator('#responses').textContent()).toBe('1');
    expect(await thin.page.locator('#nps').textContent()).toBe('—');
    expect(await thin.page.locator('#nps-hint').textContent()).toBe('hidden: fewer than 2 answers');
    expect(await thin.page.locator('#charts').isVisible()).toBe(false);
    expect(await thin.page.locator('#breakdown').isVisible()).toBe(false);
    expect(await audit(thin.page)).toEqual([]);
    expect(thin.problems).toEqual([]);
    await thin.page.close();
  });

  test('"Wants a reply" lists the answers with a contact and shows no address until asked (dark), with zero violations', async () => {
    const { page, problems } = await openPage(linked(`survey=${SURVEY}`), { scheme: 'dark' });
    const calls = contactCalls(page);
    const panel = page.getByRole('region', { name: 'Wants a reply' });
    expect(await panel.isVisible()).toBe(true);
    const items = panel.getByRole('listitem');
    expect(await items.count()).toBe(2);
    expect(await texts(page, '#reply-list .wants-reply')).toEqual(['Wants a reply', 'Wants a reply']);
    expect(await texts(page, '#reply-list .reply-text')).toEqual(['No comment.', 'Card declined twice']);
    // The comment of an answer with a contact links to it there.
    const link = page
      .locator('.comment', { hasText: 'Card declined twice' })
      .getByRole('link', { name: 'Wants a reply' });
    expect(await link.getAttribute('href')).toBe(`#reply-${WANTS_REPLY[1]!.id}`);
    expect(await page.locator('.comment .wants-reply').count()).toBe(1);
    // No address anywhere, and none asked for.
    for (const c of WANTS_REPLY) expect(await everything(page)).not.toContain(c.email);
    expect(calls).toEqual([]);

    // Each button says which answer it is for.
    const first = items.first();
    const reveal = first.getByRole('button', { name: 'Show address' });
    const description = await reveal.evaluate(
      (b) => document.getElementById(b.getAttribute('aria-describedby')!)?.textContent,
    );
    expect(description).toContain('Score 9');
    expect(description).toContain(formatDay(IN_RANGE[1]!.at.slice(0, 10)));

    await reveal.click();
    const address = first.getByRole('link', { name: WANTS_REPLY[0]!.email });
    await address.waitFor();
    expect(await address.getAttribute('href')).toBe('mailto:ana.card%2Bnps@example.com');
    expect(calls).toEqual([
      { method: 'GET', url: `${open.url}/v1/contacts/${WANTS_REPLY[0]!.id}`, auth: `Bearer ${token()}` },
    ]);
    // Only the one asked for.
    expect(await everything(page)).not.toContain('bo@shop.example');
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    expect(problems).toEqual([]);
    await panel.screenshot({ path: join(SHOTS, 'dashboard-replies-dark.png') });
    await page.close();
  });

  test('from the keyboard: show and hide an address, then "Replied — delete contact" deletes it and its badges (light)', async () => {
    const { page, problems } = await openPage(linked(`survey=${SURVEY}`));
    const calls = contactCalls(page);
    const item = page.locator(`#reply-${WANTS_REPLY[1]!.id}`);
    expect(await item.ariaSnapshot()).toContain('button "Show address"');
    expect(await item.ariaSnapshot()).toContain('button "Replied — delete contact"');

    // Show: Enter on the focused button; the address follows the buttons in the tab order.
    await item.getByRole('button', { name: 'Show address' }).focus();
    await page.keyboard.press('Enter');
    await item.getByRole('link', { name: 'bo@shop.example' }).waitFor();
    expect(await item.getByRole('status').textContent()).toBe('Address shown.');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hide address');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Replied — delete contact');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('bo@shop.example');
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    await page.locator('#replies').screenshot({ path: join(SHOTS, 'dashboard-replies-light.png') });

    // Hide: the address leaves the page again.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await item.getByRole('link').count()).toBe(0);
    expect(await everything(page)).not.toContain('bo@shop.example');

    // Replied: Space on the delete button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Replied — delete contact');
    await page.keyboard.press('Space');
    await item.getByRole('status').filter({ hasText: 'Replied: the contact is deleted.' }).waitFor();
    expect(await item.getByRole('button').count()).toBe(0);
    expect(await item.locator('.wants-reply').count()).toBe(0);
    expect(await page.locator('.comment .wants-reply').count()).toBe(0);
    // Focus stays in the answer it was in, not lost to the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`reply-${WANTS_REPLY[1]!.id}`);
    expect(calls.map((c) => `${c.method} ${c.url.slice(open.url.length)}`)).toEqual([
      `GET /v1/contacts/${WANTS_REPLY[1]!.id}`,
      `DELETE /v1/contacts/${WANTS_REPLY[1]!.id}`,
    ]);
    const gone = await fetch(`${open.url}/v1/contacts/${WANTS_REPLY[1]!.id}`, {
      headers: { authorization: `Bearer ${token()}` },
    });
    expect(gone.status).toBe(404);
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.locator('#replies').screenshot({ path: join(SHOTS, 'dashboard-replies-deleted-light.png') });

    // A reload lists only the answer still waiting.
    await page.reload();
    await page.locator('#report:not([hidden])').waitFor();
    expect(await page.locator('#reply-list .reply').count()).toBe(1);
    await page.close();
  });

  test('comment search: words (Enter) and a category narrow the list and the CSV link follows, with zero violations', async () => {
    const { page, problems } = await openPage(linked(`survey=${SURVEY}`));
    expect(await page.getByRole('search', { name: 'Search comments' }).isVisible()).toBe(true);
    await page.getByLabel('Words').fill('SLOW');
    await page.getByLabel('Words').press('Enter');
    await expect.poll(() => texts(page, '.comment-text')).toEqual(['Fine,\nbut a bit slow']);
    expect(await page.locator('#comments-note').textContent()).toBe('1 comment matches.');
    const slow = IN_RANGE.find((r) => r.comment?.includes('slow'))!;
    const filtered = await downloadCsv(page);
    expect(
      filtered.text
        .split('\r\n')
        .filter(Boolean)
        .slice(1)
        .map((line) => line.split(',')[0]!.replace(/"/g, '')),
    ).toEqual([slow.id]);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Category').selectOption('detractor');
    await page.getByRole('button', { name: 'Filter' }).click();
    const detractors = COMMENTS.filter((c) => c.score <= 6).map((c) => c.comment!.trim());
    await expect.poll(() => texts(page, '.comment-text')).toEqual(detractors);
    expect(await page.locator('#comments-note').textContent()).toBe(`${detractors.length} comments match.`);
    // The CSV: every detractor of the range, those without a comment too.
    const byCategory = await downloadCsv(page);
    expect(
      byCategory.text
        .split('\r\n')
        .filter(Boolean)
        .slice(1)
        .map((line) => line.split(',')[0]!.replace(/"/g, ''))
        .sort(),
    ).toEqual(
      IN_RANGE.filter((r) => r.score <= 6)
        .map((r) => r.id)
        .sort(),
    );
    expect(await page.getByRole('link', { name: /CSV/ }).textContent()).toBe(
      'Download the responses these comment filters keep (CSV)',
    );
    await page.locator('#comments').screenshot({ path: join(SHOTS, 'dashboard-comments-light-1280.png') });
    expect(await violations(page)).toEqual([]);
    expect(await audit(page)).toEqual([]);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => texts(page, '.comment-text')).toEqual(COMMENTS.map((c) => c.comment!.trim()));
    expect(await page.getByRole('link', { name: /CSV/ }).textContent()).toBe('Download these responses (CSV)');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('"What people talk about": the planted themes of 480 comments in four languages, with examples (dark, 390 px too), zero violations', async () => {
    const themed = await startCollector({
      CANDOR_DB: join(dir, 'themes.db'),
      PORT: '0',
      CANDOR_LOG_LEVEL: 'silent',
      CANDOR_RATE_LIMIT: '0',
    });
    try {
      const answers = themeFixture().map((c) =>
        response({ survey: 'themes', id: c.id, score: c.score, comment: c.comment, locale: c.locale, at: c.at }),
      );
      for (let i = 0; i < answers.length; i += 40) await post(themed, answers.slice(i, i + 40));
      const [base, fragment] = themed.dashboard.split('#');
      for (const [scheme, width] of [
        ['light', 1280],
        ['dark', 390],
      ] as const) {
        const { page, problems } = await openPage(`${base}?survey=themes&from=2026-11-02&to=2026-11-22#${fragment}`, {
          scheme,
          width,
        });
        const titles = await texts(page, '#theme-list h3');
        for (const planted of PLANTED.filter((p) => p.category === 'detractor'))
          expect(
            titles.slice(0, 3).some((t) => planted.matches.test(t)),
            `${planted.name} in ${titles}`,
          ).toBe(true);
        // Each theme says who mentions it, in its language, with the category's comments as examples.
        expect(await page.locator('#theme-list li').first().getAttribute('lang')).toMatch(/^(en|de|fr|ja)$/);
        expect(await page.locator('#theme-list li').first().locator('blockquote').count()).toBeGreaterThan(0);
        expect(await page.locator('#themes-note').textContent()).toBe('From the latest 480 comments of the range.');
        // A theme's comments: the list narrows to them, and focus moves there.
        const first = await page
          .locator('#theme-list h3')
          .first()
          .evaluate((h) => h.firstChild!.textContent!);
        const mentions = Number(
          (await page.locator('#theme-list .theme-figures').first().textContent())!
            .match(/^([\d,]+) answers/)![1]!
            .replace(',', ''),
        );
        await page.getByRole('button', { name: `Read the comments about “${first}”` }).click();
        await expect.poll(() => page.locator('#comment-theme-label').textContent()).toBe(first);
        expect(await page.locator('#comment-theme-label').getAttribute('lang')).toBe(
          await page.locator('#theme-list li').first().getAttribute('lang'),
        );
        await expect.poll(() => page.locator('#comment-list .comment').count()).toBe(Math.min(mentions, 50));
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('comments-title');
        if (scheme === 'light')
          await page
            .locator('#comments')
            .screenshot({ path: join(SHOTS, `dashboard-comments-theme-${scheme}-${width}.png`) });
        await page.getByRole('button', { name: 'Any theme' }).click();
        await expect.poll(() => page.locator('#comment-theme').isHidden()).toBe(true);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-q');
        await page.getByLabel('Comments of').selectOption('promoter');
        await expect
          .poll(async () => (await texts(page, '#theme-list h3')).slice(0, 3).some((t) => /easy/i.test(t)))
          .toBe(true);
        expect(await violations(page)).toEqual([]);
        expect(await audit(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.locator('#themes').screenshot({ path: join(SHOTS, `dashboard-themes-${scheme}-${width}.png`) });
        await page.close();
      }
    } finally {
      await themed.close();
    }
  });

  test.each([
    ['light', 1280],
    ['dark', 390],
  ] as const)(
    'the landing page (%s, %i px): every survey with its NPS ± margin and weekly trend, each a link',
    async (scheme, width) => {
      const { page, problems } = await openPage(linked(`from=${FROM}&to=${TODAY}`), { scheme, width });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('All surveys');
      const overview = await (
        await fetch(`${open.url}/v1/surveys?from=${FROM}&to=${TODAY}`, {
          headers: { authorization: `Bearer ${open.dashboard.split('#token=')[1]}` },
        })
      ).json();
      expect(overview.map((s: { survey: string }) => s.survey)).toContain(SURVEY);
      const rows = await rowsOf(page, '#surveys-table');
      expect(rows.map((r) => r[0])).toEqual(overview.map((s: { survey: string }) => s.survey));
      const shop = overview.find((s: { survey: string }) => s.survey === SURVEY);
      const row = rows.find((r) => r[0] === SURVEY)!;
      expect(row.slice(0, 4)).toEqual([
        SURVEY,
        String(IN_RANGE.length),
        `${formatNps(npsOf(IN_RANGE))} ± ${Math.round((shop.interval.high - shop.interval.low) / 2)}`,
        `${formatNps(shop.interval.low)} to ${formatNps(shop.interval.high)}`,
      ]);
      // The trend: a line for the eyes, the same points in words for screen readers.
      expect(await page.locator('#surveys-table svg.spark polyline').count()).toBeGreaterThan(0);
      expect(row[4]).toBe(
        shop.trend.buckets
          .map((b: Bucket) => (b.n === null ? 'too few' : b.nps === null ? 'none' : formatNps(b.nps)))
          .join(', '),
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await violations(page)).toEqual([]);
      expect(await audit(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `dashboard-surveys-${scheme}-${width}.png`), fullPage: true });
      // Each survey is a link to its own page, for the same dates.
      await page.getByRole('link', { name: SURVEY, exact: true }).click();
      await page.waitForURL(new RegExp(`survey=${SURVEY}`));
      await page.locator('#report:not([hidden])').waitFor();
      expect(new URL(page.url()).searchParams.get('from')).toBe(FROM);
      await page.getByRole('link', { name: 'All surveys' }).click();
      await page.locator('#surveys:not([hidden])').waitFor();
      await page.close();
    },
  );
});
