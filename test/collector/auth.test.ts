// Reads (summary, CSV, comments) always need the admin token, and are never readable from another
// web origin; the token is made at first start when none is configured (SQLite), refused when weak.
import { spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { readConfig } from '../../demo/collector/config.js';
import { startCollector } from '../../demo/collector/start.js';
import { postgres, sqlite } from './backends.js';
import { batch, response } from './fixtures.js';
import { live, TOKEN, type Live } from './live.js';

const SUMMARY = '/v1/surveys/checkout/summary?from=2026-11-01&to=2026-11-30';
const READS = [
  SUMMARY,
  '/v1/surveys/checkout/comments',
  '/v1/surveys/checkout/responses.csv?from=2026-11-01&to=2026-11-30',
];

let c: Live | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe('reads', () => {
  test('need the token even from this machine: 401 from 127.0.0.1 without one, with a Bearer challenge', async () => {
    // No token configured: the old rule let any loopback peer read, so a proxy on this machine opened reads to all.
    c = await live(sqlite, { CANDOR_ADMIN_TOKEN: '' });
    for (const path of READS) {
      const res = await c.get(path, { host: '127.0.0.1' });
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="candor"');
    }
    const made = readFileSync(join(dirname(c.where), 'admin-token'), 'utf8').trim();
    expect((await c.get(SUMMARY, { authorization: `Bearer ${made}` })).status).toBe(200);
  });

  test('accept the Bearer scheme in any case, and refuse a wrong token', async () => {
    c = await live(sqlite);
    for (const scheme of ['Bearer', 'bearer', 'BEARER'])
      expect((await c.get(SUMMARY, { authorization: `${scheme} ${TOKEN}` })).status, scheme).toBe(200);
    expect((await c.get(SUMMARY, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await c.get(SUMMARY, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
  });

  test('are never CORS-readable from another origin, even with CANDOR_ORIGINS=* and the right token', async () => {
    c = await live(sqlite, { CANDOR_ORIGINS: '*' });
    const origin = 'https://evil.example.net';
    for (const path of READS) {
      const res = await c.read(path, { origin });
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      const preflight = await fetch(`${c.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    }
    // Posting from any origin still works: that policy is the POST route's alone.
    const posted = await c.post(batch(response()), { origin });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('access-control-allow-origin')).toBe(origin);
  });

  test('a client guessing tokens is stopped: after 10 wrong tokens a minute, 429 with Retry-After, right token included', async () => {
    c = await live(sqlite);
    for (let i = 0; i < 10; i++)
      expect((await c.get(SUMMARY, { authorization: `Bearer guess-${i}` })).status).toBe(401);
    const blocked = await c.get(SUMMARY, { authorization: 'Bearer guess-10' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await c.read(SUMMARY)).status).toBe(429);
    // Posting answers is not what is limited.
    expect((await c.post(batch(response()))).status).toBe(200);
  });
});

describe('the admin token', () => {
  test('shorter than 32 characters is refused at start, naming the variable and how to make one', async () => {
    await expect(live(sqlite, { CANDOR_ADMIN_TOKEN: 'x'.repeat(31) })).rejects.toThrow(
      /^CANDOR_ADMIN_TOKEN: expected at least 32 characters .*openssl rand/,
    );
  });

  test.skipIf(postgres.skip)('is required with DATABASE_URL: start refuses without one, saying why', async () => {
    await expect(live(postgres, { CANDOR_ADMIN_TOKEN: '' })).rejects.toThrow(
      /^CANDOR_ADMIN_TOKEN: required with DATABASE_URL/,
    );
  });

  test('with SQLite and none configured, is made at first start: random, kept next to the database with mode 0600, kept across restarts', async () => {
    c = await live(sqlite, { CANDOR_ADMIN_TOKEN: '' });
    const file = join(dirname(c.where), 'admin-token');
    const token = readFileSync(file, 'utf8').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(c.running.dashboard).toBe(`${c.url}/dashboard/#token=${token}`);
    expect((await c.get(SUMMARY, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await c.get(SUMMARY)).status).toBe(401);
    await c.running.close();
    const again = await startCollector({
      PORT: '0',
      HOST: '127.0.0.1',
      CANDOR_DB: c.where,
      CANDOR_LOG_LEVEL: 'silent',
    });
    try {
      expect(again.dashboard).toBe(`${again.url}/dashboard/#token=${token}`);
    } finally {
      await again.close();
    }
  });

  test('a configured token is not written anywhere, and the dashboard link does not carry it', async () => {
    c = await live(sqlite);
    expect(() => statSync(join(dirname(c!.where), 'admin-token'))).toThrow();
    expect(c.running.dashboard).toBe(`${c.url}/dashboard/`);
  });

  test('the CLI prints where the token is kept, never the token itself, when its output is not a terminal (a journal, a log shipper)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-auth-'));
    const child = spawn(process.execPath, ['demo/collector/dist/demo/collector/cli.js'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CANDOR_DB: join(dir, 'candor.db'), CANDOR_ADMIN_TOKEN: '' },
    });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d: Buffer) => ((text += d), /Ctrl-C stops/.test(text) && resolve(text)));
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      const token = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
      expect(out).not.toContain(token);
      const line = /dashboard: (.*)/.exec(out)![1]!;
      const url = /listening on (\S+)/.exec(out)![1]!;
      expect(line).toBe(`${url}/dashboard/#token=<the admin token in ${join(dir, 'admin-token')}>`);
      const page = await fetch(`${url}/dashboard/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the token file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const start = () =>
    startCollector({ PORT: '0', HOST: '127.0.0.1', CANDOR_DB: join(dir, 'candor.db'), CANDOR_LOG_LEVEL: 'silent' });

  test('a symlink in its place is refused: nobody else can choose the token through the data directory', async () => {
    dir = mkdtempSync(join(tmpdir(), 'candor-token-'));
    writeFileSync(join(dir, 'planted'), 'attacker-chosen-token-0123456789abcdef\n');
    symlinkSync(join(dir, 'planted'), join(dir, 'admin-token'));
    await expect(start()).rejects.toThrow(/admin-token is not a regular file of this user/);
  });

  test.skipIf(process.getuid?.() !== 0)('a file owned by another user is refused', async () => {
    dir = mkdtempSync(join(tmpdir(), 'candor-token-'));
    writeFileSync(join(dir, 'admin-token'), 'attacker-chosen-token-0123456789abcdef\n', { mode: 0o600 });
    chownSync(join(dir, 'admin-token'), 65534, 65534);
    await expect(start()).rejects.toThrow(/admin-token is not a regular file of this user/);
  });

  test('a configured token must be visible ASCII (a token with a space could never be sent)', () => {
    expect(() => readConfig({ CANDOR_ADMIN_TOKEN: 'correct horse battery staple and more words' })).toThrow(
      /^CANDOR_ADMIN_TOKEN: expected visible ASCII characters only/,
    );
  });
});
