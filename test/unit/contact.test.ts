import { describe, expect, test, vi } from 'vitest';
import { createNps, type NpsInstance } from '../../src/index.js';
import { parseConfig } from '../../src/config.js';
import { memoryBackend } from '../../src/storage/memory.js';
import type { Backend } from '../../src/storage/backend.js';
import { $, button, shadow, tap, instances, answerInCard } from './helpers.js';
import { memoryEnv } from './rig.js';

// Closing the loop (config `contact`): after the answer, an optional step for
// an e-mail address with its own consent sentence; the address travels as a
// record of its own, next to the answers and never inside one, and the device
// keeps no copy once it is delivered.

const ENDPOINT = 'https://collect.acme.test/v1/responses';
const EMAIL = 'jane.doe@example.com';
const started = instances();
const make = (extra: Record<string, unknown> = {}, backend: Backend = memoryBackend()) => {
  const nps = createNps(
    { survey: 'home', endpoint: ENDPOINT, contact: { enabled: true }, ...extra },
    memoryEnv(backend),
  );
  started.push(nps);
  return nps;
};
/** Every POST body the endpoint received; `status` answers them. */
function endpoint(status = () => 200) {
  const bodies: Record<string, unknown>[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return new Response(null, { status: status() });
    }),
  );
  return bodies;
}
const dump = async (backend: Backend) => JSON.stringify(await backend.range('', '\uffff'));
/** Consent, a score of 3, a comment: the card is at the contact step. */
async function answer(nps: NpsInstance) {
  await answerInCard(nps, 3);
  await vi.waitFor(() => expect($('h2').textContent).toBe('May we get back to you about this?'));
}
const type = async (text: string) => {
  const input = $('input') as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await Promise.resolve();
};

describe('config', () => {
  test('off by default; { enabled: true } keeps it 30 days; at most 90; not with a function transport', () => {
    expect(parseConfig({ survey: 'home', endpoint: ENDPOINT }).contact).toBeUndefined();
    expect(parseConfig({ survey: 'home', endpoint: ENDPOINT, contact: { enabled: true } }).contact).toEqual({
      enabled: true,
      retentionDays: 30,
      version: '1',
    });
    expect(() => parseConfig({ survey: 'home', endpoint: ENDPOINT, contact: { retentionDays: 91 } })).toThrow(
      'contact.retentionDays: expected a whole number from 1 to 90, got 91',
    );
    expect(() => parseConfig({ survey: 'home', transport: async () => {}, contact: { enabled: true } })).toThrow(
      /^contact: needs transport "fetch" or "bridge"/,
    );
  });
});

describe('the contact step', () => {
  test('comes after the answer is stored, with its own sentence of consent and a labelled field', async () => {
    endpoint(() => 503);
    const backend = memoryBackend();
    const nps = make({ contact: { enabled: true, retentionDays: 14 } }, backend);
    await answer(nps);
    // The answer is stored before the question is asked.
    expect((await nps.export()).answers).toHaveLength(1);
    expect($('#contact-text').textContent).toBe(
      'If you leave your e-mail address, collect.acme.test keeps it apart from your answer, uses it only to reply to you about it, and deletes it once it has replied, or after 14 days at the latest.',
    );
    const input = $('input') as HTMLInputElement;
    expect(input.type).toBe('email');
    expect(shadow().querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Your e-mail address (optional)');
    expect(shadow().activeElement).toBe(input);
  });

  test('"No thanks" stores and sends nothing more', async () => {
    const bodies = endpoint();
    const backend = memoryBackend();
    const nps = make({}, backend);
    await answer(nps);
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    await type(EMAIL); // typed, then declined: still nothing
    await tap(button('No thanks'));
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    await nps.flush();
    expect(bodies).toHaveLength(1);
    expect(JSON.stringify(bodies)).not.toContain(EMAIL);
    expect(await dump(backend)).not.toContain(EMAIL);
    expect((await nps.export()).contacts).toBeUndefined();
  });

  test('an invalid address gets a clear inline error, and nothing is stored', async () => {
    endpoint(() => 503);
    const backend = memoryBackend();
    const nps = make({}, backend);
    await answer(nps);
    await type('jane at example');
    await tap(button('Send'));
    await vi.waitFor(() => expect(shadow().querySelector('[role=alert]')).not.toBeNull());
    expect($('[role=alert]').textContent).toBe('Please enter an e-mail address such as name@example.com.');
    expect($('input').getAttribute('aria-invalid')).toBe('true');
    expect($('input').getAttribute('aria-describedby')).toContain('email-problem');
    expect($('h2').textContent).toBe('May we get back to you about this?');
    expect(await dump(backend)).not.toContain('jane at example');
    // Typing again clears the error.
    await type(EMAIL);
    expect(shadow().querySelector('[role=alert]')).toBeNull();
  });

  test('an address travels as its own record in the batch, never inside the answer; no copy stays after delivery', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let status = 503;
    const bodies = endpoint(() => status);
    const backend = memoryBackend();
    const nps = make({ withdraw: {} }, backend);
    await answer(nps);
    await type(`  ${EMAIL} `);
    await tap(button('Send'));
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    const { answers, contacts, receipts } = await nps.export();
    const answerId = answers[0]!.id;
    expect(contacts).toEqual([
      expect.objectContaining({
        survey: 'home',
        body: {
          id: expect.stringMatching(/^[\da-f-]{36}$/),
          answerId,
          email: EMAIL,
          at: answers[0]!.body.at,
          consentVersion: '1',
          retentionDays: 30,
        },
      }),
    ]);
    expect(JSON.stringify(answers)).not.toContain(EMAIL);
    // The receipt says only that a contact was left.
    expect(receipts).toEqual([expect.objectContaining({ id: answerId, contact: true })]);
    expect(JSON.stringify(receipts)).not.toContain(EMAIL);
    status = 200;
    await vi.advanceTimersByTimeAsync(600_000); // both retried after their backoff: one batch
    await vi.waitFor(() => expect(bodies.at(-1)!.responses).toHaveLength(1));
    const last = bodies.at(-1)!;
    expect(last).toEqual({ v: 1, responses: [answers[0]!.body], contacts: [contacts![0]!.body] });
    expect(JSON.stringify(last.responses)).not.toContain(EMAIL);
    await vi.waitFor(async () => expect(await dump(backend)).not.toContain(EMAIL));
    expect((await nps.export()).answers).toEqual([]);
  });

  test('a contact never goes before its answer, even when the answer waits longer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let status = 503;
    const bodies = endpoint(() => status);
    const nps = make();
    await answer(nps);
    await vi.waitFor(() => expect(bodies).toHaveLength(1)); // the answer failed once: it waits its backoff
    await type(EMAIL);
    await tap(button('Send'));
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    status = 200;
    await nps.flush(); // the contact is due, its answer is not: nothing goes
    expect(bodies.filter((b) => b.contacts)).toEqual([]);
    await vi.advanceTimersByTimeAsync(600_000);
    await vi.waitFor(() => expect(bodies.some((b) => b.contacts)).toBe(true));
    const first = bodies.find((b) => b.contacts)!;
    expect((first.responses as unknown[]).length).toBe(1);
  });

  test('"Delete my answer" takes a contact still waiting with it', async () => {
    endpoint(() => 503);
    const backend = memoryBackend();
    const nps = make({ withdraw: {} }, backend);
    await answer(nps);
    await type(EMAIL);
    await tap(button('Send'));
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    await tap(button('Changed your mind? Delete my answer'));
    await vi.waitFor(() => expect($('h2').textContent).toBe('Your answer was withdrawn'));
    expect(await dump(backend)).not.toContain(EMAIL);
    expect((await nps.export()).contacts).toBeUndefined();
  });

  test('off: thanks comes right after the answer', async () => {
    endpoint();
    const nps = make({ contact: undefined });
    nps.show({ force: true });
    await vi.waitFor(() => expect(shadow().querySelector('h2')).not.toBeNull());
    await tap(button("Yes, I'll answer"));
    await tap(shadow().querySelectorAll<HTMLElement>('[role="radio"]')[3]!);
    await tap(button('Skip'));
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    expect(shadow().querySelector('input')).toBeNull();
  });
});

describe('review findings', () => {
  test('a delivered contact is not sent again when the page is hidden (no copy left for page-leave)', async () => {
    const bodies = endpoint();
    const backend = memoryBackend();
    const nps = make({}, backend);
    await answer(nps);
    await type(EMAIL);
    await tap(button('Send'));
    await vi.waitFor(() => expect(bodies.some((b) => b.contacts)).toBe(true));
    await vi.waitFor(async () => expect(await dump(backend)).not.toContain(EMAIL));
    const sent = bodies.length;
    dispatchEvent(new Event('pagehide'));
    await new Promise((r) => setTimeout(r, 50));
    expect(bodies.slice(sent).filter((b) => JSON.stringify(b).includes(EMAIL))).toEqual([]);
  });

  test('a contact whose answer expired expires with it (it would be refused without its answer)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const bodies = endpoint(() => 503);
    const nps = make({ ttlDays: 1 });
    const dropped: string[] = [];
    nps.on('dropped', ({ id }) => dropped.push(id));
    await answer(nps);
    await vi.advanceTimersByTimeAsync(60_000); // the contact is left a minute after the answer
    await type(EMAIL);
    await tap(button('Send'));
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    const { answers, contacts } = await nps.export();
    await vi.advanceTimersByTimeAsync(86_400_000 - 30_000); // the answer is past its TTL, the contact not yet
    await nps.flush();
    expect(dropped).toEqual([answers[0]!.id, contacts![0]!.id]);
    expect(bodies.filter((b) => (b.responses as unknown[]).length === 0 && b.contacts)).toEqual([]);
  });
});
