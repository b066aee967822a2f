import { afterEach, describe, expect, test, vi } from 'vitest';
import { createNps, type NpsInstance } from '../../src/index.js';
import { ack, ACK_TIMEOUT_MS, post } from '../../src/transports/bridge.js';
import { memoryBackend } from '../../src/storage/memory.js';
import type { Env } from '../../src/delivery.js';
import { memoryEnv } from './rig.js';
import { VERSION } from '../../src/version.js';

// The webview bridge, protocol v1 (DESIGN "Webview bridge"): messages to the
// first native host that exists, answers offered as `responses` and deleted
// only once the app acks them. Real WebViews are simulated in Chromium in
// test/browser/bridge.test.ts.

type Host = 'ios' | 'android' | 'rn';
const w = globalThis as Record<string, unknown>;
/** Installs a simulated native host; returns the messages it receives, parsed. */
function nativeHost(kind: Host) {
  const got: { candor: number; type: string; payload: any }[] = [];
  if (kind === 'ios')
    w.webkit = { messageHandlers: { candor: { postMessage: (m: any) => got.push(structuredClone(m)) } } };
  if (kind === 'android') w.CandorAndroid = { postMessage: (json: string) => got.push(JSON.parse(json)) };
  if (kind === 'rn') w.ReactNativeWebView = { postMessage: (json: string) => got.push(JSON.parse(json)) };
  return got;
}

const started: NpsInstance[] = [];
/** Storage that may hold records from earlier: the bridge offers them at start. */
const envOn = (backend = memoryBackend()): Env => memoryEnv(backend, true);
const make = (env: Env) => {
  const nps = createNps({ survey: 'app', transport: 'bridge' }, env);
  started.push(nps);
  return nps;
};

afterEach(() => {
  started.splice(0).forEach((nps) => nps.destroy());
  delete w.webkit;
  delete w.CandorAndroid;
  delete w.ReactNativeWebView;
  vi.useRealTimers();
});

describe('bridge messages', () => {
  test.each<Host>(['ios', 'android', 'rn'])('%s: posts {candor: 1, type, payload}', (kind) => {
    const got = nativeHost(kind);
    expect(post('shown', { survey: 'app' })).toBe(true);
    expect(got).toEqual([{ candor: 1, type: 'shown', payload: { survey: 'app' } }]);
  });

  test('iOS wins over Android over React Native when several exist; none → false', () => {
    expect(post('ready', { sdk: '0' })).toBe(false);
    const rn = nativeHost('rn');
    const android = nativeHost('android');
    post('ready', { sdk: '0' });
    expect([android.length, rn.length]).toEqual([1, 0]);
    const ios = nativeHost('ios');
    post('ready', { sdk: '0' });
    expect([ios.length, android.length, rn.length]).toEqual([1, 1, 0]);
  });

  test('a native host that throws counts as not reached, and nothing throws to the caller', () => {
    w.CandorAndroid = {
      postMessage() {
        throw new Error('bridge gone');
      },
    };
    expect(post('ready', { sdk: '0' })).toBe(false);
  });

  test('an instance with transport "bridge" posts ready, then shown / consent / dismiss / closed as they happen', async () => {
    const got = nativeHost('android');
    const nps = make(envOn());
    expect(got).toEqual([{ candor: 1, type: 'ready', payload: { survey: 'app', sdk: VERSION } }]);
    nps.show();
    await vi.waitFor(() => expect(got.map((m) => m.type)).toContain('shown'));
    const root = document.querySelector('candor-nps')!.shadowRoot!;
    const no = [...root.querySelectorAll('button')].find((b) => b.textContent === 'No thanks')!;
    no.click();
    await vi.waitFor(() => expect(got.map((m) => m.type)).toEqual(['ready', 'shown', 'consent', 'dismiss', 'closed']));
    expect(got[2]!.payload).toEqual({ granted: false });
    expect(got[3]!.payload).toEqual({ survey: 'app', step: 'consent' });
    expect(got[4]!.payload).toEqual({ survey: 'app', reason: 'declined' });
  });
});

describe('bridge delivery', () => {
  test('answers are offered as a wire-format batch and deleted once acked', async () => {
    const got = nativeHost('ios');
    const env = envOn();
    const nps = make(env);
    const delivered: string[][] = [];
    nps.on('delivered', ({ ids }) => delivered.push(ids));
    const response = await nps.submit({ score: 9, consentVersion: '1' });
    await vi.waitFor(() => expect(got.some((m) => m.type === 'responses')).toBe(true));
    const offer = got.find((m) => m.type === 'responses')!;
    expect(offer.payload).toEqual({ v: 1, responses: [response] });
    expect((await nps.export()).answers).toHaveLength(1);
    ack([response.id]);
    await vi.waitFor(async () => expect((await nps.export()).answers).toEqual([]));
    expect(delivered).toEqual([[response.id]]);
    // The app hears the outcome too: `delivered` with the same payload as the event.
    await vi.waitFor(() =>
      expect(got.filter((m) => m.type === 'delivered').map((m) => m.payload)).toEqual([{ ids: [response.id] }]),
    );
  });

  test('without an ack the answer stays stored and is offered again after a backoff', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const got = nativeHost('rn');
    const nps = make(envOn());
    const response = await nps.submit({ score: 3, consentVersion: '1' });
    const offers = () => got.filter((m) => m.type === 'responses').length;
    await vi.waitFor(() => expect(offers()).toBe(1));
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS);
    expect((await nps.export()).answers.map((a) => [a.id, a.attempts])).toEqual([[response.id, 1]]);
    // Backoff: 2 s · 2 · (0.5 + 0.5/2) = 3 s with random 0.5.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(offers()).toBe(2);
    ack(response.id);
    await vi.waitFor(async () => expect((await nps.export()).answers).toEqual([]));
  });

  test('an ack of part of a batch deletes those; the rest is offered again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const got = nativeHost('android');
    const env = envOn();
    const nps = make(env);
    // Stored before the flusher starts, so both go in one batch.
    const flush = nps.flush;
    const a = await nps.submit({ score: 10, consentVersion: '1' });
    const b = await nps.submit({ score: 0, consentVersion: '1' });
    await vi.waitFor(() => expect(got.filter((m) => m.type === 'responses').length).toBeGreaterThan(0));
    const offered = got.filter((m) => m.type === 'responses').flatMap((m) => m.payload.responses.map((r: any) => r.id));
    expect(offered).toContain(a.id);
    ack([a.id]);
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS);
    await flush();
    const left = (await nps.export()).answers.map((r) => r.id);
    expect(left).not.toContain(a.id);
    expect(left).toContain(b.id);
  });

  test('an ack that arrives after the offer timed out still deletes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    nativeHost('ios');
    const nps = make(envOn());
    const r = await nps.submit({ score: 8, consentVersion: '1' });
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS + 10);
    expect((await nps.export()).answers).toHaveLength(1);
    ack([r.id]);
    await vi.waitFor(async () => expect((await nps.export()).answers).toEqual([]));
  });

  test('the stored answers survive to the next start, where they are offered again', async () => {
    const backend = memoryBackend();
    const first = make(envOn(backend));
    nativeHost('ios');
    const r = await first.submit({ score: 9, consentVersion: '1' });
    first.destroy();
    delete w.webkit;
    const got = nativeHost('rn');
    make(envOn(backend));
    await vi.waitFor(() =>
      expect(
        got.filter((m) => m.type === 'responses').flatMap((m) => m.payload.responses.map((x: any) => x.id)),
      ).toContain(r.id),
    );
  });

  test('ack ignores what is not an id, and never throws', () => {
    expect(() => ack(undefined)).not.toThrow();
    expect(() => ack([1, null, {}])).not.toThrow();
  });
});
