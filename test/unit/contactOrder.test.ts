import { afterEach, expect, test, vi } from 'vitest';
import { ENDPOINT, response, rig, TTL } from './rig.js';
import type { NpsContact } from '../../src/contact.js';
import type { OutboxRecord } from '../../src/outbox.js';
import { leave, createBudget } from '../../src/unload.js';
import { realTimers } from '../../src/lib/timers.js';

// A contact (an e-mail address left for a reply) must never reach the endpoint
// before its answer: the endpoint refuses a contact whose answer it does not
// have, and the widget would drop it after the address crossed the wire for
// nothing. The scan holds a contact while its answer waits; these are the
// other two ways out: a batch split in two, and the sends at page leave.

let n = 0;
const contactFor = (answerId: string): NpsContact => ({
  id: `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`,
  answerId,
  email: 'jane@example.com',
  at: '2026-11-22T22:00:00Z',
  consentVersion: '1',
  retentionDays: 30,
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

test('a batch split in two: when the half with the answer fails, the contact in the other half waits', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const r = rig((_, call) => {
    if (call === 1) return { status: 400 }; // names no record: the flusher splits the batch
    if (call === 2) return { status: 503 }; // the first half, with the answer, fails for now
    return { status: 200 };
  });
  const [x, a] = await r.add(2);
  const [y] = await r.add(1);
  const c = await r.outbox.add(ENDPOINT, contactFor(a!.id), Date.now(), TTL, { survey: 'home' });
  await r.flusher.flush();
  expect(r.calls[0]!.ids).toEqual([x!.id, a!.id, y!.id, c.id]);
  expect(r.calls[1]!.ids).toEqual([x!.id, a!.id]);
  expect(r.calls[2]!.ids).toEqual([y!.id]);
  expect(r.calls.slice(3).flatMap((call) => call.ids)).not.toContain(c.id);
});

test('page leave: a contact whose answer goes in another request (or not at all) stays for later', async () => {
  const bodies: { responses: { id: string }[]; contacts?: { id: string }[] }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return new Response(null, { status: 200 });
    }),
  );
  const record = (body: OutboxRecord['body'], i: number): OutboxRecord => ({
    v: 1,
    id: body.id,
    route: ENDPOINT,
    body,
    bytes: JSON.stringify(body).length,
    createdAt: i,
    expiresAt: TTL,
    attempts: 0,
    nextAt: 0,
  });
  // 50 answers fill the first request; the last one's contact falls into a second request.
  const answers = Array.from({ length: 50 }, (_, i) => record(response(), i));
  const contact = record(contactFor(answers[49]!.id), 50);
  const budget = createBudget();
  leave([...answers, contact], { budget, timers: realTimers, now: Date.now, outbox: () => undefined, acked: () => {} });
  await vi.waitFor(() => expect(bodies).toHaveLength(1));
  expect(bodies[0]!.responses).toHaveLength(50);
  expect(bodies.flatMap((b) => b.contacts ?? [])).toEqual([]);
  // With its answer in the same request, it goes.
  const lone = record(response(), 60);
  const with_ = record(contactFor(lone.id), 61);
  leave([lone, with_], {
    budget: createBudget(),
    timers: realTimers,
    now: Date.now,
    outbox: () => undefined,
    acked: () => {},
  });
  await vi.waitFor(() => expect(bodies).toHaveLength(2));
  expect(bodies[1]).toEqual({ v: 1, responses: [lone.body], contacts: [with_.body] });
});
