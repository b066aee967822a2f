// Contacts left for a reply ("close the loop"), over HTTP on SQLite and PostgreSQL. An e-mail
// address is personal data: it arrives as a record of its own, is stored apart from the anonymous
// answers and named by no answer read, is shown only to an admin who asks for it, and is deleted once
// the team has replied, with its answer, or when it expires.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import { RETENTION_EVERY_MS } from '../../demo/collector/retention.js';
import type { NpsContact } from '../../src/contact.js';
import type { NpsResponse } from '../../src/response.js';
import { backends, sqlite } from './backends.js';
import { ARRIVAL, eachLive } from './eachLive.js';
import {
  contact,
  openOlderSqlite,
  proofOf,
  response,
  secret,
  storedIds,
  withContacts,
  withdrawable,
} from './fixtures.js';
import { json } from './harness.js';
import { TOKEN } from './live.js';
import { logLines } from './logLines.js';

const session = eachLive();
const { start } = session;
const c = () => session.c;

const ADMIN = { authorization: `Bearer ${TOKEN}` };
const reveal = (id: string, headers: Record<string, string> = ADMIN) => c().get(`/v1/contacts/${id}`, headers);
const replied = (id: string, headers: Record<string, string> = ADMIN) =>
  fetch(`${c().url}/v1/contacts/${id}`, { method: 'DELETE', headers });
const comments = async () => (await json(await c().read('/v1/surveys/checkout/comments'))).comments;
const replies = async () => (await json(await c().read('/v1/surveys/checkout/replies'))).replies;
const csv = async () => (await c().read('/v1/surveys/checkout/responses.csv?from=2026-11-01&to=2026-11-30')).text();
const summary = async () => (await c().read('/v1/surveys/checkout/summary?from=2026-11-01&to=2026-11-30')).text();
const metrics = async () => (await c().read('/metrics')).text();

/** Delivers `answer` with a contact for it (`over` replaces the contact's fields), expecting a 200: the contact. */
async function deliverWithContact(answer: NpsResponse, over: Partial<NpsContact> = {}): Promise<NpsContact> {
  const left = contact(answer.id, over);
  expect((await c().post(withContacts([answer], [left]))).status).toBe(200);
  return left;
}

/** Whether `text` is anywhere in the bytes of the SQLite file or its WAL. */
function inSqliteFiles(file: string, text: string): boolean {
  return [file, `${file}-wal`].some((f) => {
    try {
      return readFileSync(f).includes(Buffer.from(text));
    } catch {
      return false; // no WAL left at all
    }
  });
}

describe.each(backends)('on $name', (backend) => {
  test.skipIf(backend.skip)(
    'a contact is stored apart from its answer: no answer read holds the address; the rows name the contact instead',
    async () => {
      await start(backend);
      const answer = response({ score: 3, comment: 'Checkout failed twice' });
      const left = contact(answer.id);
      const res = await c().post(withContacts([answer], [left]));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ stored: 1, duplicates: 0, contacts: { stored: 1, duplicates: 0 } });
      expect(await session.stored()).toEqual([answer.id]);

      const text = await csv();
      expect(text).toContain(answer.id);
      for (const read of [text, await summary(), JSON.stringify(await comments())]) {
        expect(read).not.toContain(left.email);
        expect(read).not.toContain('ana.');
      }
      // The CSV says nothing of a contact, not even that there is one.
      expect(text).not.toContain(left.id);
      expect(await comments()).toEqual([expect.objectContaining({ id: answer.id, contact: left.id })]);
      expect(await replies()).toEqual([
        {
          id: answer.id,
          at: answer.at,
          score: 3,
          category: 'detractor',
          comment: 'Checkout failed twice',
          locale: 'en',
          page: '/pricing',
          contact: left.id,
          // The hour it arrived plus its 30 days.
          expiresAt: '2026-12-22T10:00:00Z',
        },
      ]);
    },
  );

  test.skipIf(backend.skip)('a contact may come alone, after its answer was delivered (responses empty)', async () => {
    await start(backend);
    const answer = response();
    const left = contact(answer.id, { retentionDays: 7 });
    expect((await c().post(withContacts([answer], []))).status).toBe(200);
    const res = await c().post(withContacts([], [left]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: 0, duplicates: 0, contacts: { stored: 1, duplicates: 0 } });
    expect((await json(await reveal(left.id))).expiresAt).toBe('2026-11-29T10:00:00Z');
    // Comments list only answers with a comment; the replies list has this one.
    expect(await replies()).toEqual([expect.objectContaining({ id: answer.id, contact: left.id })]);
    expect((await replies())[0]).not.toHaveProperty('comment');
  });

  test.skipIf(backend.skip)(
    'the address is shown only with the admin token (401 without), never cached, never to another origin',
    async () => {
      await start(backend, { CANDOR_ORIGINS: 'https://shop.example.com' });
      const answer = response();
      const left = await deliverWithContact(answer);

      for (const headers of [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Basic ${TOKEN}` }] as Record<
        string,
        string
      >[]) {
        const refused = await reveal(left.id, headers);
        expect(refused.status).toBe(401);
        expect(await refused.text()).not.toContain(left.email);
      }
      const origin = 'https://shop.example.com';
      const res = await reveal(left.id, { ...ADMIN, origin });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await res.json()).toEqual({
        id: left.id,
        answerId: answer.id,
        survey: 'checkout',
        email: left.email,
        at: left.at,
        expiresAt: '2026-12-22T10:00:00Z',
      });
      // Not even an allowed origin may read or delete a contact from a page.
      for (const method of ['GET', 'DELETE']) {
        const preflight = await fetch(`${c().url}/v1/contacts/${left.id}`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': method,
            'access-control-request-headers': 'authorization',
          },
        });
        expect(preflight.headers.get('access-control-allow-origin'), method).toBeNull();
      }
      expect((await reveal(randomUUID())).status).toBe(404);
    },
  );

  test.skipIf(backend.skip)(
    'the team replied: DELETE /v1/contacts/:id deletes it at once (204; again or unknown, 204 too); the answer stays',
    async () => {
      await start(backend);
      const answer = response({ comment: 'Please call me back' });
      const left = await deliverWithContact(answer);

      expect((await replied(left.id, {})).status).toBe(401);
      expect((await reveal(left.id)).status).toBe(200);

      const res = await replied(left.id);
      expect(res.status).toBe(204);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect((await reveal(left.id)).status).toBe(404);
      expect((await comments())[0]).not.toHaveProperty('contact');
      expect(await replies()).toEqual([]);
      expect(await session.stored()).toEqual([answer.id]);
      expect((await replied(left.id)).status).toBe(204);
      expect((await replied(randomUUID())).status).toBe(204);
      expect(await c().metric('candor_contacts_deleted_total{reason="replied"}')).toBe(
        'candor_contacts_deleted_total{reason="replied"} 1',
      );
    },
  );

  test.skipIf(backend.skip)(
    'withdrawing an answer deletes its contact with it; a wrong secret deletes neither',
    async () => {
      await start(backend);
      const [answer, key] = withdrawable();
      const left = await deliverWithContact(answer);

      expect((await c().withdraw(answer.id, secret())).status).toBe(403);
      expect((await reveal(left.id)).status).toBe(200);

      expect((await c().withdraw(answer.id, key)).status).toBe(204);
      expect((await reveal(left.id)).status).toBe(404);
      expect(await session.stored()).toEqual([]);
      expect(await c().metric('candor_contacts_deleted_total{reason="withdrawn"}')).toBe(
        'candor_contacts_deleted_total{reason="withdrawn"} 1',
      );
    },
  );

  test.skipIf(backend.skip)(
    'the team replied, then the batch comes again (its acknowledgement was lost): the contact is a duplicate, not stored again',
    async () => {
      await start(backend);
      const answer = response({ comment: 'Please call me back' });
      const left = await deliverWithContact(answer);
      expect((await replied(left.id)).status).toBe(204);
      expect(await session.tombstones()).toEqual([{ id: left.id, kind: 'contact', proof: '', day: '2026-11-22' }]);

      const again = await c().post(withContacts([answer], [left]));
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ stored: 0, duplicates: 1, contacts: { stored: 0, duplicates: 1 } });
      expect((await reveal(left.id)).status).toBe(404);
      expect(await replies()).toEqual([]);
      expect(await session.stored()).toEqual([answer.id]);
      expect(await c().metric('candor_deleted_resent_total{kind="contact"}')).toBe(
        'candor_deleted_resent_total{kind="contact"} 1',
      );
    },
  );

  test.skipIf(backend.skip)(
    'a withdrawn answer sent again with its contact: the batch is acknowledged and neither is stored again',
    async () => {
      await start(backend);
      const [answer, key] = withdrawable();
      const left = await deliverWithContact(answer);
      expect((await c().withdraw(answer.id, key)).status).toBe(204);
      expect(await session.tombstones()).toEqual([
        { id: answer.id, kind: 'answer', proof: proofOf(key), day: '2026-11-22' },
        { id: left.id, kind: 'contact', proof: '', day: '2026-11-22' },
      ]);

      const again = await c().post(withContacts([answer], [left]));
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ stored: 0, duplicates: 1, contacts: { stored: 0, duplicates: 1 } });
      expect(await session.stored()).toEqual([]);
      expect((await reveal(left.id)).status).toBe(404);
      expect(await c().metric('candor_deleted_resent_total{kind="answer"}')).toBe(
        'candor_deleted_resent_total{kind="answer"} 1',
      );
      expect(await c().metric('candor_deleted_resent_total{kind="contact"}')).toBe(
        'candor_deleted_resent_total{kind="contact"} 1',
      );
    },
  );

  test.skipIf(backend.skip)(
    'a contact whose answer was withdrawn before it arrived is acknowledged and dropped, with its answer or alone (not a 400)',
    async () => {
      await start(backend);
      const [answer, key] = withdrawable();
      expect((await c().withdraw(answer.id, key)).status).toBe(204);
      const left = contact(answer.id);
      const late = await c().post(withContacts([answer], [left]));
      expect(late.status).toBe(200);
      expect(await late.json()).toEqual({ stored: 0, duplicates: 1, contacts: { stored: 0, duplicates: 1 } });
      const alone = await c().post(withContacts([], [contact(answer.id)]));
      expect(alone.status).toBe(200);
      expect(await alone.json()).toEqual({ stored: 0, duplicates: 0, contacts: { stored: 0, duplicates: 1 } });
      expect(await session.stored()).toEqual([]);
      expect(await replies()).toEqual([]);

      // A withdrawal without the answer's secret keeps nothing out: the answer and its contact are stored.
      const other = response({ proof: proofOf(secret()) });
      expect((await c().withdraw(other.id, secret())).status).toBe(204);
      const kept = contact(other.id);
      expect(await (await c().post(withContacts([other], [kept]))).json()).toEqual({
        stored: 1,
        duplicates: 0,
        contacts: { stored: 1, duplicates: 0 },
      });
      expect((await reveal(kept.id)).status).toBe(200);
    },
  );

  test.skipIf(backend.skip)(
    'a contact whose answer is neither in the batch nor stored → 400 naming it, and nothing of the batch is stored',
    async () => {
      await start(backend);
      const answer = response();
      const orphan = contact(randomUUID());
      const res = await c().post(withContacts([answer], [contact(answer.id), orphan]));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: `contacts[1] (id ${orphan.id}): answerId: no such answer; nothing of the batch was stored`,
        field: 'answerId',
        id: orphan.id,
        index: 1,
      });
      expect(await session.stored()).toEqual([]);
      expect(await replies()).toEqual([]);
      // The widget drops the named contact and sends the rest again: now it is stored.
      expect((await c().post(withContacts([answer], [contact(answer.id)]))).status).toBe(200);
      expect(await replies()).toHaveLength(1);
    },
  );

  test.skipIf(backend.skip)(
    'a contact sent again, or a second one for the same answer, counts as stored and changes nothing',
    async () => {
      await start(backend);
      const answer = response();
      const first = contact(answer.id);
      expect((await c().post(withContacts([answer], [first]))).status).toBe(200);

      const again = await c().post(withContacts([answer], [first]));
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ stored: 0, duplicates: 1, contacts: { stored: 0, duplicates: 1 } });
      const second = contact(answer.id, { email: 'someone.else@example.com' });
      const other = await c().post(withContacts([], [second]));
      expect(other.status).toBe(200);
      expect(await other.json()).toEqual({ stored: 0, duplicates: 0, contacts: { stored: 0, duplicates: 1 } });
      expect((await json(await reveal(first.id))).email).toBe(first.email);
      expect((await reveal(second.id)).status).toBe(404);

      // Within one batch too.
      const next = response();
      const both = await c().post(withContacts([next], [contact(next.id), contact(next.id)]));
      expect(await both.json()).toEqual({ stored: 1, duplicates: 0, contacts: { stored: 1, duplicates: 1 } });
      expect(await c().metric('candor_contacts_stored_total')).toBe('candor_contacts_stored_total 2');
    },
  );

  test.skipIf(backend.skip)(
    'a contact is shown until it expires, and the retention timer deletes it then; its answer stays',
    async () => {
      // Only the timers: the retention job's six-hourly tick is what deletes.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      await start(backend);
      const [a, b] = [response(), response()];
      const short = contact(a.id, { retentionDays: 1, email: `short.${randomBytes(4).toString('hex')}@example.com` });
      const long = contact(b.id, { retentionDays: 90 });
      expect((await c().post(withContacts([a, b], [short, long]))).status).toBe(200);

      // It arrived in the 10:00 hour: it expires at 10:00 the next day.
      session.now = Date.UTC(2026, 10, 23, 9, 59, 59);
      expect((await reveal(short.id)).status).toBe(200);
      session.now = Date.UTC(2026, 10, 23, 10, 0, 0);
      // Expired: no longer shown anywhere, even before the job has run.
      expect((await reveal(short.id)).status).toBe(404);
      expect((await replies()).map((r: { contact: string }) => r.contact)).toEqual([long.id]);

      await vi.advanceTimersByTimeAsync(RETENTION_EVERY_MS);
      await expect
        .poll(() => c().metric('candor_contacts_deleted_total{reason="expired"}'))
        .toBe('candor_contacts_deleted_total{reason="expired"} 1');
      expect((await reveal(long.id)).status).toBe(200);
      expect(await session.stored()).toEqual([a.id, b.id].sort());
      if (backend === sqlite) expect(inSqliteFiles(c().where, short.email)).toBe(false);
    },
  );

  test.skipIf(backend.skip)(
    'a hostile contact → 400 naming it and the field, the address not repeated, nothing stored',
    async () => {
      await start(backend);
      const answer = response();
      const hostile: [what: string, over: Record<string, unknown>, field: string][] = [
        ['an unknown field', { name: 'Ana' }, 'name'],
        ['a script for an address', { email: '<script>alert(1)</script>@example.com' }, 'email'],
        ['an address of 255 characters', { email: `${'a'.repeat(64)}@${'b'.repeat(186)}.com` }, 'email'],
        ['a NUL in the address', { email: 'ana\u0000@example.com' }, 'email'],
        ['an escape sequence in the address', { email: 'ana\u001b[2J@example.com' }, 'email'],
        ['a header after the address', { email: 'ana@example.com\r\nBcc: all@example.com' }, 'email'],
        ['two addresses', { email: 'ana@example.com,bob@example.com' }, 'email'],
        ['a bell in the consent version', { consentVersion: 'reply\u0007' }, 'consentVersion'],
        ['a year of keeping', { retentionDays: 365 }, 'retentionDays'],
        ['an upper-case answer id', { answerId: answer.id.toUpperCase() }, 'answerId'],
      ];
      for (const [what, over, field] of hostile) {
        const bad = { ...contact(answer.id), ...over };
        const res = await c().post(withContacts([answer], [bad]));
        expect(res.status, what).toBe(400);
        const body = await json(res);
        expect(body, what).toMatchObject({ field, id: bad.id, index: 0 });
        expect(body.error, what).toMatch(new RegExp(`^contacts\\[0\\] \\(id ${bad.id}\\): ${field}: `));
        if (field === 'email') expect(JSON.stringify(body), what).not.toContain('example.com');
      }
      expect(await session.stored()).toEqual([]);
      expect(await replies()).toEqual([]);

      // The routes take a lower-case UUID v4 and nothing else.
      for (const id of ['not-a-uuid', answer.id.toUpperCase(), '..%2F..%2Fmetrics', `${answer.id}%00`]) {
        expect((await reveal(id)).status, id).toBe(400);
        expect((await replied(id)).status, id).toBe(400);
      }
    },
  );

  test.skipIf(backend.skip)(
    'no log line and no metric ever holds an address; reveals and deletions are logged by contact id',
    async () => {
      const { sink, lines, records } = logLines();
      await start(backend, { CANDOR_LOG_LEVEL: 'trace' }, { logTo: sink });
      const [answer, key] = withdrawable({ comment: 'Slow' });
      const [kept, refused] = [contact(answer.id), contact(randomUUID())];
      const second = response();
      const replyTo = contact(second.id);
      await c().post(withContacts([answer, second], [kept, replyTo]));
      await c().post(withContacts([], [refused]));
      await c().post(withContacts([], [{ ...contact(answer.id), email: 'zqxv@localhost' }]));
      await reveal(kept.id);
      await reveal(replyTo.id);
      await replied(replyTo.id);
      await comments();
      await replies();
      await c().withdraw(answer.id, key);

      const all = `${lines.join('\n')}\n${await metrics()}`;
      for (const address of [kept.email, refused.email, replyTo.email, 'zqxv@localhost'])
        expect(all).not.toContain(address.split('@')[0]);
      expect(records()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ msg: 'contact revealed', contact: kept.id }),
          expect.objectContaining({ msg: 'contact deleted', contact: replyTo.id, reason: 'replied' }),
        ]),
      );
    },
  );
});

describe('on SQLite, deleted addresses are gone from the bytes of the .db and -wal files', () => {
  test('after the team replied', async () => {
    await start(sqlite);
    const answer = response();
    const left = await deliverWithContact(answer, { email: `replied.${randomBytes(6).toString('hex')}@example.com` });
    expect(inSqliteFiles(c().where, left.email)).toBe(true);
    expect((await replied(left.id)).status).toBe(204);
    expect(inSqliteFiles(c().where, left.email)).toBe(false);
  });

  test('after the answer was withdrawn', async () => {
    await start(sqlite);
    const [answer, key] = withdrawable();
    const left = await deliverWithContact(answer, { email: `withdrawn.${randomBytes(6).toString('hex')}@example.com` });
    expect(inSqliteFiles(c().where, left.email)).toBe(true);
    expect((await c().withdraw(answer.id, key)).status).toBe(204);
    expect(inSqliteFiles(c().where, left.email)).toBe(false);
  });
});

test('a SQLite database made before contacts gets their table at open, its answers kept', () =>
  openOlderSqlite({ proof: true }, async (storage, kept) => {
    const left = contact(kept.id);
    expect(await storage.insert([], new Date(ARRIVAL), [left])).toEqual({
      stored: 0,
      duplicates: 0,
      contacts: { stored: 1, duplicates: 0 },
    });
    expect(await storage.contact(left.id, new Date(ARRIVAL))).toMatchObject({ email: left.email, survey: 'checkout' });
    expect(await storedIds(storage)).toEqual([kept.id]);
  }));
