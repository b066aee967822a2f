// The collector as a package of its own: `candor-collector` packed, installed into an empty project
// and started with npx, as a site owner would; its command line (flags, --help, bad input).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { helpText, parseArgs } from '../../demo/collector/args.js';
import { readConfig } from '../../demo/collector/config.js';
import { SETTINGS } from '../../demo/collector/settings.js';
import { batch, response } from './fixtures.js';

const run = promisify(execFile);

/** The command lines of the processes still running from `dir` (Linux: /proc). */
function running(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(dir)) found.push(`${pid}: ${cmdline.trim()}`);
    } catch {
      // gone already
    }
  }
  return found;
}

describe('the command line', () => {
  test('--help lists every setting with its flag, variable and default', () => {
    const help = helpText();
    expect(SETTINGS.length).toBeGreaterThanOrEqual(10);
    for (const s of SETTINGS) expect(help).toContain(`${s.flag} <value>, ${s.env} (default: ${s.fallback})`);
    expect(help).toContain('candor-collector backup FILE');
  });

  test('every variable the configuration reads is in that list (reading another one is refused)', () => {
    const read: string[] = [];
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_, name: string) => (read.push(name), undefined),
    });
    readConfig(env);
    expect(read.length).toBeGreaterThanOrEqual(SETTINGS.length - 1);
    for (const name of read) expect(SETTINGS.map((s) => s.env)).toContain(name);
  });

  test('flags and environment variables both work, and a flag wins', () => {
    expect(
      parseArgs(['--port', '9000', '--rate-limit=0', '--trust-proxy', '10.0.0.0/8'], { PORT: '1', CANDOR_DB: 'x.db' }),
    ).toEqual({
      kind: 'start',
      env: { PORT: '9000', CANDOR_RATE_LIMIT: '0', CANDOR_TRUST_PROXY: '10.0.0.0/8', CANDOR_DB: 'x.db' },
    });
    expect(parseArgs(['backup', 'copy.db', '--db', 'data/x.db'], {})).toEqual({
      kind: 'backup',
      file: 'copy.db',
      env: { CANDOR_DB: 'data/x.db' },
    });
    expect(parseArgs(['-h'], {})).toEqual({ kind: 'help' });
  });

  test("docs/collector.md's settings table has a row for every setting, with its flag", () => {
    const manual = readFileSync('docs/collector.md', 'utf8');
    for (const s of SETTINGS) {
      const row = manual
        .split('\n')
        .find((line) => line.startsWith(`| \`${s.env}\``) || line.includes(`/ \`${s.env}\``));
      expect(row, s.env).toBeDefined();
      expect(row, s.env).toContain(`\`${s.flag}\``);
    }
  });

  test('from the repository root after npm install and npm run build, npx candor-collector runs', async () => {
    const { stdout } = await run('npx', ['--no', '--', 'candor-collector', '--help'], { timeout: 60_000 });
    expect(stdout).toMatch(/^candor-collector: stores Candor NPS answers/);
  });

  test('an unknown flag or command is named, with where to look', () => {
    expect(() => parseArgs(['--prot', '1'], {})).toThrow(/'--prot'.*candor-collector --help/);
    expect(() => parseArgs(['serve'], {})).toThrow(/^unknown command "serve"/);
    expect(() => parseArgs(['backup'], {})).toThrow(/^backup: expected one file/);
  });
});

describe('packed and installed into an empty project', () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-pack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const project = join(dir, 'site');

  /** `npx candor-collector …` in the project; resolves once it exits (or rejects after `ms`). */
  const npx = (args: string[], env: Record<string, string> = {}) =>
    run('npx', ['--no', '--', 'candor-collector', ...args], {
      cwd: project,
      env: { ...process.env, ...env },
      timeout: 60_000,
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  test('npx candor-collector: one clear line until the native module may build, then it stores a batch and is healthy', async () => {
    await run('npm', ['pack', '--silent', '--pack-destination', dir, '-w', 'candor-collector'], { cwd: process.cwd() });
    const tarball = readdirSync(dir).find((f) => /^candor-collector-.*\.tgz$/.test(f));
    expect(tarball).toBeDefined();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'site', private: true }));
    // Installed without install scripts: what npm does when a package.json denies better-sqlite3's
    // script, or under strict-allow-scripts (npm 11 otherwise runs it with a warning).
    await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', join(dir, tarball!)], {
      cwd: project,
    });

    // No native module: the bin says what to do, in one line.
    const refused = await npx([], { PORT: '0', HOST: '127.0.0.1' });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/"allowScripts": \{ "better-sqlite3": true \}.*npm rebuild better-sqlite3/);

    // PostgreSQL is optional: without the pg package, DATABASE_URL says what to install.
    const noPg = await npx([], { DATABASE_URL: 'postgres://127.0.0.1:1/x', CANDOR_ADMIN_TOKEN: 'x'.repeat(32) });
    expect(noPg.stderr.trim()).toBe('DATABASE_URL needs the pg package next to the collector: npm install pg');

    const help = await npx(['--help']);
    expect(help.code).toBe(0);
    for (const s of SETTINGS) expect(help.stdout).toContain(s.flag);

    // As docs/collector.md says: allow the build, then it runs.
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'site', private: true, allowScripts: { 'better-sqlite3': true } }),
    );
    await run('npm', ['rebuild', 'better-sqlite3'], { cwd: project });

    // Its own process group, as a terminal runs it: npx starts the collector as a child of its own.
    const child = spawn('npx', ['--no', '--', 'candor-collector', '--port', '0', '--host', '127.0.0.1'], {
      cwd: project,
      env: process.env,
      detached: true,
    });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d: Buffer) => ((text += d), /Ctrl-C stops/.test(text) && resolve(text)));
        child.stderr.on('data', (d: Buffer) => (text += d));
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      const url = /listening on (\S+)/.exec(out)![1]!;
      // Not a terminal: the line says where the token is kept, not the token.
      const token = readFileSync(join(project, 'data', 'admin-token'), 'utf8').trim();
      expect(out).not.toContain(token);
      const r = response();
      const posted = await fetch(`${url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: batch(r),
      });
      expect(await posted.json()).toEqual({ stored: 1, duplicates: 0 });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      // The dashboard ships in the package, and the token the collector made reads the answer back.
      expect((await fetch(`${url}/dashboard/`)).status).toBe(200);
      const summary = await fetch(`${url}/v1/surveys/checkout/summary?from=2026-11-22&to=2026-11-22`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await summary.json()).toMatchObject({ responses: 1 });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM'); // the group: npx and the collector it started
      await exited;
    }
    // Ctrl-C in a terminal signals the whole process group: nothing of the collector is left running.
    await expect.poll(() => running(project), { timeout: 5000 }).toEqual([]);
  }, 300_000);
});
