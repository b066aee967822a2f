// Taking an answer back after it was delivered: the device keeps a random secret, the wire carries
// its SHA-256 as `proof`, and DELETE /v1/responses/:id with the secret deletes the answer.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openSqlite } from '../../demo/collector/storage/sqlite.js';
import { backends } from './backends.js';
import { batch, olderSqlite, response, storedIds } from './fixtures.js';
import { live, type Live } from './live.js';

const secret = () => randomBytes(32).toString('hex');
const proofOf = (s: string) => createHash('sha256').update(s).digest('hex');

let c: Live | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const withdraw = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${c!.url}/v1/responses/${id}`, {
    method: 'DELETE',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe.each(backends)('$name', (backend) => {
  test.skipIf(backend.skip)(
    'the right secret deletes the answer (204, gone from every read); again, or for an unknown id, 204 too',
    async () => {
      c = await live(backend);
      const key = secret();
      const mine = response({ proof: proofOf(key), comment: 'Changed my mind about this' });
      const other = response();
      expect((await c.post(batch(mine, other))).status).toBe(200);
      const res = await withdraw(mine.id, { v: 1, secret: key });
      expect(res.status).toBe(204);
      expect(await storedIds(c.running.storage)).toEqual([other.id]);
      expect((await withdraw(mine.id, { v: 1, secret: key })).status).toBe(204);
      expect((await withdraw(crypto.randomUUID(), { v: 1, secret: key })).status).toBe(204);
    },
  );

  test.skipIf(backend.skip)(
    "a wrong secret, another answer's secret, or an answer sent without a proof deletes nothing: 403",
    async () => {
      c = await live(backend);
      const [a, b] = [secret(), secret()];
      const first = response({ proof: proofOf(a) });
      const second = response({ proof: proofOf(b) });
      const bare = response();
      expect((await c.post(batch(first, second, bare))).status).toBe(200);
      for (const [id, key] of [
        [first.id, secret()],
        [first.id, b],
        [bare.id, a],
      ] as const) {
        const res = await withdraw(id, { v: 1, secret: key });
        expect(res.status).toBe(403);
        expect(((await res.json()) as { error: string }).error).toBe(
          'secret: does not match this answer; nothing was deleted',
        );
      }
      expect(await storedIds(c.running.storage)).toEqual([first.id, second.id, bare.id].sort());
    },
  );
});

describe('DELETE /v1/responses/:id', () => {
  test('names what is wrong with a bad id or body (400), and is rate-limited like posting', async () => {
    c = await live(backends[0]!, { CANDOR_RATE_LIMIT: '2' });
    expect((await withdraw('not-a-uuid', { v: 1, secret: secret() })).status).toBe(400);
    const id = crypto.randomUUID();
    const bad = await withdraw(id, { v: 1, secret: 'short' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^secret: expected 64 lower-case hex characters/);
    const limited = await withdraw(id, { v: 1, secret: secret() });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  test('an allowed origin may DELETE (preflight granted), another gets a 403 it can read', async () => {
    c = await live(backends[0]!, { CANDOR_ORIGINS: 'https://shop.example.com' });
    const preflight = await fetch(`${c.url}/v1/responses/${crypto.randomUUID()}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'DELETE' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE');
    const ok = await withdraw(crypto.randomUUID(), { v: 1, secret: secret() }, { origin: 'https://shop.example.com' });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const refused = await withdraw(crypto.randomUUID(), { v: 1, secret: secret() }, { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
  });

  test('on SQLite the withdrawn comment is gone from the bytes of the .db and -wal files', async () => {
    c = await live(backends[0]!);
    const key = secret();
    const marker = `withdrawn-${randomBytes(6).toString('hex')}`;
    const mine = response({ proof: proofOf(key), comment: `Please forget ${marker}` });
    expect((await c.post(batch(mine))).status).toBe(200);
    expect((await withdraw(mine.id, { v: 1, secret: key })).status).toBe(204);
    for (const file of [c.where, `${c.where}-wal`]) {
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
    c = await live(backends[0]!);
    const key = secret();
    const mine = response({ proof: proofOf(key), comment: 'kept' });
    expect((await c.post(batch(mine))).status).toBe(200);
    const csv = await (await c.read('/v1/surveys/checkout/responses.csv?from=2026-11-22&to=2026-11-22')).text();
    const comments = await (await c.read('/v1/surveys/checkout/comments')).text();
    expect(csv).toContain(mine.id);
    for (const text of [csv, comments]) expect(text).not.toContain(proofOf(key));
  });
});

test('a SQLite database made before withdrawals gets the proof column at open, its rows kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-migrate-'));
  const file = join(dir, 'old.db');
  const kept = olderSqlite(file);
  const storage = openSqlite(file);
  try {
    const key = secret();
    const mine = response({ proof: proofOf(key) });
    await storage.insert([mine]);
    expect(await storedIds(storage)).toEqual([kept.id, mine.id].sort());
    expect(await storage.withdraw(mine.id, proofOf(key))).toEqual({ outcome: 'deleted', contact: false });
    expect(await storage.withdraw(kept.id, proofOf(key))).toEqual({ outcome: 'refused', contact: false });
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
