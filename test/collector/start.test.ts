// The collector as it runs: on a real port, from environment variables, and
// as the compiled CLI on Node (signals, clear start-up failures).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { MAX_BODY_BYTES } from '../../demo/collector/ingest.js';
import { openSqlite } from '../../demo/collector/storage/sqlite.js';
import { startCollector, type RunningCollector } from '../../demo/collector/start.js';
import { batch, response, storedIds } from './fixtures.js';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'candor-start-'));
  db = join(dir, 'data', 'candor.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = (more: Record<string, string> = {}) => ({
  PORT: '0',
  HOST: '127.0.0.1',
  CANDOR_DB: db,
  CANDOR_LOG_LEVEL: 'silent',
  ...more,
});
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/responses`, { method: 'POST', body, headers: { 'content-type': 'text/plain', ...headers } });

/** A port something else is listening on. */
async function busyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe('startCollector', () => {
  let running: RunningCollector | undefined;
  afterEach(async () => running?.close());

  test('stores over HTTP, then closes cleanly: rows committed, WAL folded back, file unlocked', async () => {
    running = await startCollector(env());
    const r = response();
    expect((await post(running.url, batch(r))).status).toBe(200);
    await running.close();
    expect(existsSync(`${db}-wal`)).toBe(false);
    const reopened = openSqlite(db);
    expect(await storedIds(reopened)).toEqual([r.id]);
    await reopened.close();
  });

  test('refuses a body over 64 KB by its Content-Length, storing nothing', async () => {
    running = await startCollector(env());
    const res = await post(
      running.url,
      JSON.stringify({ v: 1, responses: [response()], pad: 'x'.repeat(MAX_BODY_BYTES) }),
    );
    expect(res.status).toBe(413);
    expect(await storedIds(running.storage)).toEqual([]);
  });

  test('keeps neither the address nor the user agent anywhere in the database', async () => {
    running = await startCollector(env());
    const agent = 'Mozilla/5.0 (CandorPrivacyProbe)';
    expect((await post(running.url, batch(response({ comment: 'fine' })), { 'user-agent': agent })).status).toBe(200);
    await running.close();
    const bytes = [db, `${db}-wal`]
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    expect(bytes).toContain('fine'); // the row is there…
    expect(bytes).not.toContain('CandorPrivacyProbe'); // …without who sent it
    expect(bytes).not.toContain('127.0.0.1');
  });

  test('a port in use → one clear error, and the database closed again', async () => {
    const { port, server } = await busyPort();
    try {
      await expect(startCollector(env({ PORT: String(port) }))).rejects.toThrow(
        `Port ${port} is already in use (is the collector already running?). Stop it, or start on another port: PORT=${port + 1}`,
      );
      // Closed: another writer gets the database at once.
      const again = openSqlite(db);
      await again.insert([response()]);
      await again.close();
    } finally {
      server.close();
    }
  });

  test('a bad variable → ConfigError naming it, before anything is opened', async () => {
    await expect(startCollector(env({ CANDOR_RATE_LIMIT: 'lots' }))).rejects.toThrow(/^CANDOR_RATE_LIMIT: expected/);
    expect(existsSync(db)).toBe(false);
  });

  test('runs retention once at start', async () => {
    const old = openSqlite(db);
    await old.insert([response()], new Date(Date.now() - 400 * 86_400_000));
    await old.insert([response({ survey: 'kept' })], new Date(Date.now() - 10 * 86_400_000));
    await old.close();
    running = await startCollector(env());
    expect(await storedIds(running.storage)).toEqual([]);
    expect(await storedIds(running.storage, 'kept')).toHaveLength(1);
  });
});

describe('the compiled CLI on Node', () => {
  // Compiled here as `npm run build:collector` does, into a folder of its own
  // under build/ (so node_modules resolves), removed afterwards.
  const out = join('build', `cli-test-${process.pid}`);
  beforeAll(() => {
    execFileSync(process.execPath, [
      'node_modules/typescript/bin/tsc',
      '-p',
      'demo/collector/tsconfig.json',
      '--outDir',
      out,
    ]);
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /**
   * Runs the CLI until it exits. With `whileRunning`, calls it once the CLI
   * says it is listening, then sends SIGTERM; a CLI still alive after 20 s is killed.
   */
  function cli(vars: Record<string, string>, whileRunning?: (url: string) => Promise<void>) {
    const child = spawn(process.execPath, [join(out, 'demo/collector/cli.js')], { env: { ...process.env, ...vars } });
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    let stdout = '';
    let stderr = '';
    let called = false;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      stdout += d;
      const url = /listening on (\S+)/.exec(stdout)?.[1];
      if (!url || !whileRunning || called) return;
      called = true;
      void whileRunning(url).finally(() => child.kill('SIGTERM'));
    });
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.once('exit', (code) => (clearTimeout(kill), resolve({ code, stdout, stderr }))),
    );
  }

  test('serves, and on SIGTERM closes the server and the database, exiting 0', async () => {
    const r = response();
    let status = 0;
    const { code, stdout, stderr } = await cli(env(), async (url) => {
      status = (await post(url, batch(r))).status;
    });
    expect(stdout).toMatch(/^Candor collector listening on http:\/\/127\.0\.0\.1:\d+ /);
    expect(stderr).toBe('');
    expect(status).toBe(200);
    expect(code).toBe(0);
    expect(existsSync(`${db}-wal`)).toBe(false);
    const reopened = openSqlite(db);
    expect(await storedIds(reopened)).toEqual([r.id]);
    await reopened.close();
  });

  test('a port in use → one line on stderr and exit code 1', async () => {
    const { port, server } = await busyPort();
    try {
      const { code, stderr } = await cli(env({ PORT: String(port) }));
      expect(code).toBe(1);
      expect(stderr).toBe(
        `Port ${port} is already in use (is the collector already running?). Stop it, or start on another port: PORT=${port + 1}\n`,
      );
    } finally {
      server.close();
    }
  });

  test('a corrupt database → one line on stderr and exit code 1', async () => {
    mkdirSync(join(dir, 'data'));
    writeFileSync(db, 'garbage'.repeat(200));
    const { code, stderr } = await cli(env());
    expect(code).toBe(1);
    expect(stderr).toMatch(/^The database file .* is corrupt or not a Candor database .*\n$/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
