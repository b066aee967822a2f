// The collector scrubs what it stores the way the widget does, whatever the
// client sent: a client that skips the widget (or an old one) must not get
// e-mail addresses, phone numbers or ids into the database.
import { afterEach, describe, expect, test } from 'vitest';
import type { NpsResponse } from '../../src/response.js';
import { backends } from './backends.js';
import { batch, response } from './fixtures.js';
import { json } from './harness.js';
import { live, type Live } from './live.js';

/** Every stored row of survey "checkout" in 2026, by id. */
async function stored(l: Live): Promise<Map<string, NpsResponse>> {
  const rows = new Map<string, NpsResponse>();
  for await (const r of l.running.storage.rows('checkout', '2026-01-01', '2026-12-31')) rows.set(r.id, r);
  return rows;
}

describe.each(backends)('on $name', (backend) => {
  let l: Live | undefined;
  afterEach(async () => {
    await l?.close();
    l = undefined;
  });

  test.skipIf(backend.skip)('redacts e-mails, phone numbers and cards in a comment before storing it', async () => {
    l = await live(backend);
    const r = response({ comment: 'Write to jane.doe@example.com or call +49 30 1234567, card 4111 1111 1111 1111.' });
    const res = await l.post(batch(r));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ stored: 1, duplicates: 0 });
    expect((await stored(l)).get(r.id)!.comment).toBe('Write to [email] or call [phone], card [card].');
  });

  test.skipIf(backend.skip)('replaces id-like segments of the page with ":id", as the widget does', async () => {
    l = await live(backend);
    const r = response({ page: '/users/jane@example.com/orders/991234/3f2504e0-4f89-41d3-9a0c-0305e82c3301' });
    expect((await l.post(batch(r))).status).toBe(200);
    expect((await stored(l)).get(r.id)!.page).toBe('/users/:id/orders/:id/:id');
  });

  test.skipIf(backend.skip)(
    'keeps a comment that redaction lengthens within 1,000 characters, without splitting an emoji',
    async () => {
      l = await live(backend);
      // Each "a@b.c" (5 characters) becomes "[email]" (7): 1,000 characters grow to
      // 1,040, and the emoji moves to 999–1000, across the cut.
      const comment = `${'a@b.c '.repeat(20)}${'x'.repeat(839)}\u{1F600}${'y'.repeat(39)}`;
      expect(comment).toHaveLength(1000);
      const r = response({ comment });
      expect((await l.post(batch(r))).status).toBe(200);
      const kept = (await stored(l)).get(r.id)!.comment!;
      expect(kept).toBe(`${'[email] '.repeat(20)}${'x'.repeat(839)}`);
      expect(kept.length).toBeLessThanOrEqual(1000);
    },
  );

  test.skipIf(backend.skip)('stores what the widget sent unchanged: scrubbing twice changes nothing', async () => {
    l = await live(backend);
    const r = response({
      comment: 'Mail me: [email]. Price €1,299.00 on 2024-01-15, v2.3.1, order #12345.',
      page: '/orders/:id',
    });
    expect((await l.post(batch(r))).status).toBe(200);
    expect((await stored(l)).get(r.id)).toEqual(r);
  });
});
