import { createHash } from 'node:crypto';
import { describe, expect, test, vi } from 'vitest';
import { createNps, type NpsInstance } from '../../src/index.js';
import { parseConfig } from '../../src/config.js';
import { resolveTexts } from '../../src/strings.js';
import { memoryBackend } from '../../src/storage/memory.js';
import type { Backend } from '../../src/storage/backend.js';
import { RECEIPT, RECORD, end } from '../../src/storage/keys.js';
import { ack } from '../../src/transports/bridge.js';
import { OFFER_MS, THANKS_MS } from '../../src/ui/Card.js';
import { $, button, settle, shadow, tap, instances, answerInCard } from './helpers.js';
import { DAY, memoryEnv } from './rig.js';

// Taking an answer back after it was sent (config `withdraw`): the receipt and
// its secret on the device, the proof on the wire, forget() queuing durable
// DELETEs, endpoints that cannot delete, and the thank-you step's button.

const ENDPOINT = 'https://collect.acme.test/v1/responses';
const started = instances();
const make = (extra: Record<string, unknown> = {}, backend: Backend = memoryBackend(), holds = false) => {
  const nps = createNps({ survey: 'home', endpoint: ENDPOINT, withdraw: {}, ...extra }, memoryEnv(backend, holds));
  started.push(nps);
  return nps;
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const keysOf = async (backend: Backend, prefix: string) => (await backend.range(prefix, end(prefix))).map(([k]) => k);

/** A scriptable endpoint: `reply(method, url)` answers each request; every request is kept. */
function endpoint(reply: (method: string, url: string) => number = () => 204) {
  const calls: { method: string; url: string; body: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ method: init.method!, url, body: String(init.body) });
      return new Response(null, { status: reply(init.method!, url) });
    }),
  );
  return calls;
}
/** An endpoint whose POSTs wait until `release()` (an answer on its way); DELETEs answer at once. */
function heldPosts() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url}`);
      if (init.method === 'POST') await gate;
      return new Response(null, { status: 204 });
    }),
  );
  return { calls, release };
}
const events = (nps: NpsInstance) => {
  const seen = { withdrawn: [] as string[][], errors: [] as string[], delivered: [] as string[][] };
  nps.on('withdrawn', ({ ids }) => seen.withdrawn.push(ids));
  nps.on('error', ({ message }) => seen.errors.push(message));
  nps.on('delivered', ({ ids }) => seen.delivered.push(ids));
  return seen;
};

describe('config', () => {
  test('withdraw is off by default, { } means 30 days, at most 90', () => {
    expect(parseConfig({ survey: 'home', endpoint: ENDPOINT }).withdraw).toBeUndefined();
    expect(parseConfig({ survey: 'home', endpoint: ENDPOINT, withdraw: {} }).withdraw).toEqual({ days: 30 });
    expect(() => parseConfig({ survey: 'home', endpoint: ENDPOINT, withdraw: { days: 91 } })).toThrow(
      'withdraw.days: expected a whole number from 1 to 90, got 91',
    );
    expect(() => parseConfig({ survey: 'home', endpoint: ENDPOINT, withdraw: true })).toThrow(
      'withdraw: expected an object such as { days: 30 }',
    );
  });

  test('a function transport without withdraw(ids) is refused, naming the key', () => {
    const transport = async () => {};
    expect(() => parseConfig({ survey: 'home', transport, withdraw: {} })).toThrow(
      /^withdraw: the transport function has no withdraw\(ids\)/,
    );
    expect(
      parseConfig({ survey: 'home', transport: Object.assign(transport, { withdraw: async () => {} }), withdraw: {} })
        .withdraw,
    ).toEqual({ days: 30 });
  });

  test('the generated consent text says for how long an answer can be taken back, only when on', () => {
    const on = resolveTexts(parseConfig({ survey: 'home', endpoint: ENDPOINT, withdraw: { days: 14 } }), ['en']);
    const off = resolveTexts(parseConfig({ survey: 'home', endpoint: ENDPOINT }), ['en']);
    expect(on.t.consentText).toMatch(/You can take your answer back from this device for 14 days after it is sent\.$/);
    expect(off.t.consentText).not.toMatch(/take your answer back/);
    const own = parseConfig({ survey: 'home', endpoint: ENDPOINT, withdraw: {}, consent: { text: 'Our own words.' } });
    expect(resolveTexts(own, ['en']).t.consentText).toBe('Our own words.');
  });
});

describe('receipts', () => {
  test('off: the answer carries no proof and the device keeps no receipt', async () => {
    endpoint(() => 503);
    const backend = memoryBackend();
    const nps = make({ withdraw: undefined }, backend);
    const body = await nps.submit({ score: 3, consentVersion: '1' });
    expect(body).not.toHaveProperty('proof');
    expect(await keysOf(backend, RECEIPT)).toEqual([]);
    expect(await nps.export()).not.toHaveProperty('receipts');
  });

  test('on: the answer carries SHA-256(secret); the receipt, written with the record, keeps the secret', async () => {
    endpoint(() => 503);
    const backend = memoryBackend();
    let writes = 0;
    const transact = backend.transact;
    backend.transact = (keys, fn) => (writes++, transact(keys, fn));
    const nps = make({}, backend);
    const body = await nps.submit({ score: 3, comment: 'Slow checkout', consentVersion: '1' });
    expect(writes).toBe(1); // the record, its receipt and the byte total: one transaction
    const { receipts } = await nps.export();
    expect(receipts).toEqual([
      expect.objectContaining({
        id: body.id,
        survey: 'home',
        score: 3,
        comment: 'Slow checkout',
        at: body.at,
        route: ENDPOINT,
      }),
    ]);
    const secret = receipts![0]!.secret!;
    expect(secret).toMatch(/^[\da-f]{64}$/);
    expect(body.proof).toBe(sha256(secret));
    expect(JSON.stringify(body)).not.toContain(secret);
  });

  test('nothing is written before consent: a prompt shown and declined leaves storage untouched', async () => {
    const backend = memoryBackend();
    const open = vi.fn(async () => backend);
    const nps = createNps({ survey: 'home', endpoint: ENDPOINT, withdraw: {} }, { ...memoryEnv(backend), open });
    started.push(nps);
    nps.show({ force: true });
    await vi.waitFor(() => expect(shadow().querySelector('h2')).not.toBeNull());
    await tap(button('No thanks'));
    await nps.forget();
    expect(open).not.toHaveBeenCalled();
    expect(await keysOf(backend, '')).toEqual([]);
  });

  test('a delivered answer keeps its receipt withdraw.days from delivery, then it is purged', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const calls = endpoint();
    const backend = memoryBackend();
    const nps = make({ withdraw: { days: 10 } }, backend);
    const seen = events(nps);
    const before = Date.now();
    const body = await nps.submit({ score: 9, consentVersion: '1' });
    await vi.waitFor(() => expect(seen.delivered).toEqual([[body.id]]));
    await vi.waitFor(async () => expect((await nps.export()).receipts?.[0]?.deliveredAt).toBeTypeOf('number'));
    const { deliveredAt, expiresAt } = (await nps.export()).receipts![0]!;
    expect(deliveredAt).toBeGreaterThanOrEqual(before);
    expect(deliveredAt).toBeLessThanOrEqual(Date.now());
    expect(expiresAt).toBe(deliveredAt! + 10 * DAY);
    await vi.advanceTimersByTimeAsync(10 * DAY + 60_000);
    await nps.flush();
    expect(await keysOf(backend, RECEIPT)).toEqual([]);
    expect(calls.every((c) => c.method === 'POST')).toBe(true);
  });
});

describe('forget() takes back what was delivered', () => {
  test('DELETE endpoint/id proving the secret; resolves with the receipt gone, `withdrawn` once confirmed', async () => {
    const calls = endpoint();
    const backend = memoryBackend();
    const nps = make({}, backend);
    const seen = events(nps);
    const body = await nps.submit({ score: 2, comment: 'Too slow', consentVersion: '1' });
    await vi.waitFor(() => expect(seen.delivered).toEqual([[body.id]]));
    const { secret } = (await nps.export()).receipts![0]!;
    let confirmed = false;
    nps.on('withdrawn', () => (confirmed = true));
    const forgetting = nps.forget();
    await forgetting;
    // The answer's content is gone from the device at once, whatever the network does.
    expect(JSON.stringify(await backend.range('', '\uffff'))).not.toContain('Too slow');
    expect(await keysOf(backend, RECEIPT)).toEqual([]);
    await vi.waitFor(() => expect(seen.withdrawn).toEqual([[body.id]]));
    expect(confirmed).toBe(true);
    const del = calls.filter((c) => c.method === 'DELETE');
    expect(del).toEqual([{ method: 'DELETE', url: `${ENDPOINT}/${body.id}`, body: JSON.stringify({ v: 1, secret }) }]);
    expect(await keysOf(backend, RECORD)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test('an answer still queued (a send in flight) is removed and withdrawn too', async () => {
    const { calls, release } = heldPosts(); // the answer is on its way when forget() runs
    const nps = make();
    const seen = events(nps);
    const body = await nps.submit({ score: 5, consentVersion: '1' });
    await vi.waitFor(() => expect(calls).toEqual([`POST ${ENDPOINT}`]));
    await nps.forget();
    expect((await nps.export()).answers).toEqual([]);
    release();
    await vi.waitFor(() => expect(seen.withdrawn).toEqual([[body.id]]));
    expect(calls).toEqual([`POST ${ENDPOINT}`, `DELETE ${ENDPOINT}/${body.id}`]);
  });

  test('offline: the withdrawal waits with the backoff, survives a reload, and goes when the endpoint answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let down = false;
    const calls = endpoint((method) => (down && method === 'DELETE' ? 503 : 204));
    const backend = memoryBackend();
    const first = make({}, backend);
    const body = await first.submit({ score: 8, consentVersion: '1' });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    down = true;
    await first.forget();
    await vi.waitFor(() => expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1));
    await vi.waitFor(async () => expect((await first.export()).withdrawals?.[0]?.attempts).toBe(1));
    first.destroy();
    // The next page: a new instance on the same storage delivers the queued withdrawal.
    down = false;
    const second = make({}, backend, true);
    const seen = events(second);
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.waitFor(() => expect(seen.withdrawn).toEqual([[body.id]]));
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(2);
    expect(await keysOf(backend, RECORD)).toEqual([]);
  });

  test('405: the endpoint cannot delete: one error, no more tries, a receipt kept until it expires, answers keep flowing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const calls = endpoint((method) => (method === 'DELETE' ? 405 : 200));
    const backend = memoryBackend();
    const nps = make({}, backend);
    const seen = events(nps);
    const a = await nps.submit({ score: 8, consentVersion: '1' });
    await vi.waitFor(() => expect(seen.delivered).toHaveLength(1));
    await nps.forget();
    await vi.waitFor(() => expect(seen.errors).toHaveLength(1));
    expect(seen.errors[0]).toMatch(/cannot delete answers \(405\)/);
    const { receipts } = await nps.export();
    expect(receipts).toEqual([expect.objectContaining({ id: a.id, unwithdrawable: true })]);
    expect(receipts![0]).not.toHaveProperty('score');
    // Answers still flow to the same endpoint; the withdrawal is not tried again.
    const b = await nps.submit({ score: 9, consentVersion: '1' });
    await vi.waitFor(() => expect(seen.delivered.flat()).toContain(b.id));
    await vi.advanceTimersByTimeAsync(DAY);
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
    expect(seen.withdrawn).toEqual([]);
    expect(seen.errors).toHaveLength(1);
  });

  test('403 (the secret does not match): that withdrawal stops with an error naming the answer', async () => {
    endpoint((method) => (method === 'DELETE' ? 403 : 200));
    const nps = make();
    const seen = events(nps);
    const a = await nps.submit({ score: 1, consentVersion: '1' });
    await vi.waitFor(() => expect(seen.delivered).toHaveLength(1));
    await nps.forget();
    await vi.waitFor(() =>
      expect(seen.errors).toEqual([expect.stringContaining(`answer ${a.id} could not be withdrawn`)]),
    );
    expect((await nps.export()).withdrawals).toBeUndefined();
  });

  test('a function transport withdraws through transport.withdraw(ids)', async () => {
    const stored = new Map<string, unknown>();
    const transport = Object.assign(async (batch: { id: string }[]) => void batch.forEach((r) => stored.set(r.id, r)), {
      withdraw: async (ids: string[]) => void ids.forEach((id) => stored.delete(id)),
    });
    const nps = make({ endpoint: undefined, transport });
    const seen = events(nps);
    const a = await nps.submit({ score: 6, consentVersion: '1' });
    await vi.waitFor(() => expect(stored.has(a.id)).toBe(true));
    await nps.forget();
    await vi.waitFor(() => expect(seen.withdrawn).toEqual([[a.id]]));
    expect(stored.size).toBe(0);
  });

  test('the bridge posts `withdraw` { ids, proofs } and the app acks it', async () => {
    const posted: { type: string; payload: Record<string, unknown> }[] = [];
    vi.stubGlobal('ReactNativeWebView', {
      postMessage(json: string) {
        const m = JSON.parse(json);
        posted.push(m);
        if (m.type === 'responses') setTimeout(() => ack(m.payload.responses.map((r: { id: string }) => r.id)));
        if (m.type === 'withdraw') setTimeout(() => ack(m.payload.ids));
      },
    });
    const nps = make({ endpoint: undefined, transport: 'bridge' });
    const seen = events(nps);
    const a = await nps.submit({ score: 10, consentVersion: '1' });
    await vi.waitFor(() => expect(seen.delivered).toEqual([[a.id]]));
    const { secret } = (await nps.export()).receipts![0]!;
    await nps.forget();
    await vi.waitFor(() => expect(seen.withdrawn).toEqual([[a.id]]));
    const message = posted.find((m) => m.type === 'withdraw')!;
    expect(message.payload).toEqual({ v: 1, ids: [a.id], proofs: [secret] });
    expect(sha256(secret!)).toBe(a.proof);
  });
});

describe('the thank-you step', () => {
  const answer = async (nps: NpsInstance) => {
    await answerInCard(nps, 4);
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
  };

  test('offers "Delete my answer", which takes it back and says so', async () => {
    endpoint();
    const backend = memoryBackend();
    const nps = make({}, backend);
    const seen = events(nps);
    await answer(nps);
    await vi.waitFor(() => expect(seen.delivered).toHaveLength(1));
    await tap(button('Changed your mind? Delete my answer'));
    await vi.waitFor(() => expect($('h2').textContent).toBe('Your answer was withdrawn'));
    await vi.waitFor(() => expect(seen.withdrawn).toHaveLength(1));
    expect(await keysOf(backend, RECEIPT)).toEqual([]);
    // Only this answer: the throttle record stays, so the prompt does not come back at once.
    expect(localStorage.getItem('candor')).toContain('answeredAt');
  });

  test('without withdraw there is no button, and thanks closes after a few seconds as before', async () => {
    endpoint();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const nps = make({ withdraw: undefined });
    await answer(nps);
    expect([...shadow().querySelectorAll('button')].map((b) => b.textContent)).not.toContain(
      'Changed your mind? Delete my answer',
    );
    await vi.advanceTimersByTimeAsync(THANKS_MS + 100);
    expect(document.querySelector('candor-nps')).toBeNull();
  });

  test('while the button is offered the card stays while focus is inside, and closes 20 s after focus and pointer left', async () => {
    endpoint(() => 503);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const nps = make();
    await answer(nps);
    // Focus moved to the thank-you heading, inside the card.
    await vi.advanceTimersByTimeAsync(OFFER_MS * 3);
    expect(document.querySelector('candor-nps')).not.toBeNull();
    // The pointer comes and goes; focus leaves for the page.
    const card = $('section');
    card.dispatchEvent(new Event('pointerenter'));
    card.dispatchEvent(new Event('pointerleave'));
    const outside = document.body.appendChild(document.createElement('button'));
    outside.focus();
    await settle();
    await vi.advanceTimersByTimeAsync(OFFER_MS - 1_000);
    expect(document.querySelector('candor-nps')).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(document.querySelector('candor-nps')).toBeNull();
  });
});

describe('review findings', () => {
  test("a receipt keeps its own survey's withdraw.days, whichever instance delivered the answer", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let status = 503;
    const calls = endpoint(() => status);
    const backend = memoryBackend();
    const long = make({ survey: 'long', withdraw: { days: 90 } }, backend);
    await long.submit({ score: 9, consentVersion: '1' });
    await vi.waitFor(() => expect(calls).toHaveLength(1)); // refused: it waits on the device
    await vi.waitFor(async () => expect((await long.export()).answers[0]?.attempts).toBe(1));
    long.destroy();
    // Another survey on the same origin (withdraw off) delivers it.
    status = 204;
    const other = make({ survey: 'other', withdraw: undefined }, backend, true);
    await vi.advanceTimersByTimeAsync(31_000); // past the first instance's backoff and lease
    await other.flush();
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST']); // the second one, by "other", delivered it
    expect(await keysOf(backend, RECORD)).toEqual([]);
    const again = make({ survey: 'long', withdraw: { days: 90 } }, backend, true);
    await vi.waitFor(async () => expect((await again.export()).receipts?.[0]?.deliveredAt).toBeTypeOf('number'));
    const { deliveredAt, expiresAt } = (await again.export()).receipts![0]!;
    expect(expiresAt).toBe(deliveredAt! + 90 * DAY);
  });

  test('forget() in the same millisecond as the answer still queues its withdrawal', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-30T12:00:00Z') });
    const { release } = heldPosts();
    const nps = make();
    const seen = events(nps);
    const body = await nps.submit({ score: 5, consentVersion: '1' });
    await nps.forget(); // the clock has not moved
    expect((await nps.export()).withdrawals?.map((w) => w.id)).toEqual([body.id]);
    release();
    await vi.waitFor(() => expect(seen.withdrawn).toEqual([[body.id]]));
  });

  test('401 (a configuration problem): the withdrawal is kept for the next start, with an error', async () => {
    endpoint((method) => (method === 'DELETE' ? 401 : 200));
    const nps = make();
    const seen = events(nps);
    const a = await nps.submit({ score: 7, consentVersion: '1' });
    await vi.waitFor(() => expect(seen.delivered).toHaveLength(1));
    await nps.forget();
    await vi.waitFor(() => expect(seen.errors).toHaveLength(1));
    expect((await nps.export()).withdrawals?.map((w) => w.id)).toEqual([a.id]);
  });

  test("a late ack of an answer's offer does not count as its withdrawal's ack", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const posted: { type: string; payload: Record<string, unknown> }[] = [];
    vi.stubGlobal('ReactNativeWebView', { postMessage: (json: string) => posted.push(JSON.parse(json)) });
    const nps = make({ endpoint: undefined, transport: 'bridge' });
    const seen = events(nps);
    const a = await nps.submit({ score: 10, consentVersion: '1' });
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'responses')).toBe(true));
    await vi.advanceTimersByTimeAsync(11_000); // the offer times out: not acked
    await nps.forget();
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'withdraw')).toBe(true));
    ack([a.id]); // the app stored the answer after all: a late ack of the answer
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.withdrawn).toEqual([]);
    expect((await nps.export()).withdrawals?.map((w) => w.id)).toEqual([a.id]);
  });

  test('a dropped answer takes its receipt with it', async () => {
    endpoint(() => 400);
    const backend = memoryBackend();
    const nps = make({}, backend);
    const dropped: string[] = [];
    nps.on('dropped', ({ id }) => dropped.push(id));
    const a = await nps.submit({ score: 2, comment: 'Slow', consentVersion: '1' });
    await vi.waitFor(() => expect(dropped).toEqual([a.id]));
    await vi.waitFor(async () => expect(await keysOf(backend, RECEIPT)).toEqual([]));
  });

  test('after a failed withdrawal the card stays, with the error and the button to try again', async () => {
    endpoint(() => 503);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const inner = memoryBackend();
    let broken = false;
    // Storage that starts refusing writes once the answer is in (full, say).
    const backend: Backend = {
      ...inner,
      transact: (keys, fn) =>
        broken ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : inner.transact(keys, fn),
    };
    const nps = make({}, backend);
    await answerInCard(nps, 4);
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    broken = true;
    await tap(button('Changed your mind? Delete my answer'));
    await vi.waitFor(() => expect(shadow().querySelector('[role=alert]')).not.toBeNull());
    const outside = document.body.appendChild(document.createElement('button'));
    outside.focus();
    await settle();
    await vi.advanceTimersByTimeAsync(THANKS_MS + 1_000);
    expect(document.querySelector('candor-nps')).not.toBeNull();
    expect(button('Changed your mind? Delete my answer')).toBeTruthy();
  });
});
