import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { configFromFragment, embedConfig, start } from '../../widget/embed.js';
import { init } from '../../widget/candor.js';
import { createSurvey } from '../../src/headless.js';
import { ack } from '../../src/transports/bridge.js';
import { THROTTLE_KEY } from '../../src/throttle.js';
import { createNps, type ConfigInput, type NpsInstance } from '../../src/index.js';
import { memoryEnv } from './rig.js';

/** base64url of UTF-8 JSON, as an app builds the fragment. */
const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('embed.html config', () => {
  test('reads #config=<base64url JSON>, non-ASCII included', () => {
    const config = { survey: 'app', brand: 'Café Über', strings: { thanks: 'شكرا' } };
    expect(configFromFragment(`#config=${encode(config)}`)).toEqual(config);
    expect(configFromFragment(`#lang=de&config=${encode(config)}`)).toEqual(config);
  });

  test('no fragment: undefined (the app calls Candor.init itself)', () => {
    expect(configFromFragment('')).toBeUndefined();
    expect(configFromFragment('#other=1')).toBeUndefined();
  });

  test('a fragment that is not base64url JSON throws (embed.ts logs one line)', () => {
    expect(() => configFromFragment('#config=bm90IGpzb24')).toThrow();
  });

  test('defaults to full-page over the bridge; an endpoint means fetch; the app can override both', () => {
    expect(embedConfig({ survey: 'app' })).toEqual({
      survey: 'app',
      position: 'full-page',
      transport: 'bridge',
      rules: { auto: false },
    });
    expect(embedConfig({ survey: 'app', endpoint: 'https://x.test/', rules: { resurveyDays: 30 } })).toEqual({
      survey: 'app',
      endpoint: 'https://x.test/',
      position: 'full-page',
      rules: { resurveyDays: 30, auto: false },
    });
    expect(embedConfig({ survey: 'app', position: 'bottom-right' }).position).toBe('bottom-right');
  });
});

/** base64url of a config, as the fragment carries it. */
const hashOf = (config: unknown, extra = '') => `#config=${encode(config)}${extra}`;
const w = globalThis as Record<string, unknown>;
/** A simulated Android host that records every message (and acks answers when `acks`). */
function androidHost(acks = false) {
  const got: { type: string; payload: any }[] = [];
  w.CandorAndroid = {
    postMessage(json: string) {
      const message = JSON.parse(json);
      got.push(message);
      if (acks && message.type === 'responses')
        setTimeout(() => ack(message.payload.responses.map((r: { id: string }) => r.id)));
    },
  };
  return got;
}
const running: NpsInstance[] = [];
const run = (hash: string) => {
  const nps = start(hash, { init });
  if (nps) running.push(nps);
  return nps;
};
const card = () => document.querySelector('candor-nps')?.shadowRoot?.querySelector('section');

describe('embed.html talks to the app', () => {
  // An endpoint that stores at once: no test leaves a delivery (and its lease) in flight for the next.
  beforeEach(() => vi.stubGlobal('fetch', () => Promise.resolve(new Response(null, { status: 204 }))));
  afterEach(() => {
    vi.unstubAllGlobals();
    running.splice(0).forEach((nps) => nps.destroy());
    delete w.CandorAndroid;
    localStorage.clear();
    vi.restoreAllMocks();
  });

  test('a fragment that is not base64url JSON posts ready, then error with the reason', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const got = androidHost();
    expect(run('#config=bm90IGpzb24')).toBeNull();
    expect(got.map((m) => m.type)).toEqual(['ready', 'error']);
    expect(got[1]!.payload.message).toContain('#config= is not base64url-encoded JSON');
  });

  test('a bad config posts ready, then error naming the key', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const got = androidHost();
    expect(run(hashOf({ survey: 'Not A Survey!' }))).toBeNull();
    expect(got.map((m) => m.type)).toEqual(['ready', 'error']);
    expect(got[1]!.payload.message).toMatch(/^survey: expected a survey id/);
  });

  test('shows the prompt when the rules allow it: ready, then shown', async () => {
    const got = androidHost();
    run(hashOf({ survey: 'embed-a' }));
    await vi.waitFor(() => expect(card()).toBeTruthy());
    expect(got.map((m) => m.type)).toEqual(['ready', 'shown']);
  });

  test('applies the throttles: after a recent dismissal nothing shows and closed (hidden) is posted', async () => {
    localStorage.setItem(THROTTLE_KEY, JSON.stringify({ 'embed-b': { dismissedAt: Date.now() - 1000 } }));
    const got = androidHost();
    run(hashOf({ survey: 'embed-b' }));
    await vi.waitFor(() => expect(got.map((m) => m.type)).toEqual(['ready', 'closed']));
    expect(got[1]!.payload).toEqual({ survey: 'embed-b', reason: 'hidden' });
    expect(card()).toBeFalsy();
  });

  test('&force=1 shows even after a recent dismissal', async () => {
    localStorage.setItem(THROTTLE_KEY, JSON.stringify({ 'embed-c': { dismissedAt: Date.now() - 1000 } }));
    const got = androidHost();
    run(hashOf({ survey: 'embed-c' }, '&force=1'));
    await vi.waitFor(() => expect(card()).toBeTruthy());
    expect(got.map((m) => m.type)).toEqual(['ready', 'shown']);
  });

  test('&mode=deliver shows nothing, offers what waits, then posts closed', async () => {
    // An answer accepted earlier while the app had no bridge yet: it waits in the outbox.
    const earlier = createSurvey({ survey: 'embed-d', transport: 'bridge' });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const noBridge = new Promise((resolve) => earlier.on('error', resolve));
    const answer = await earlier.submit({ score: 7, consentVersion: '1' });
    await noBridge; // its one try found no native host: the answer waits for the next start
    earlier.destroy();
    const got = androidHost(true);
    run(hashOf({ survey: 'embed-d' }, '&mode=deliver'));
    await vi.waitFor(() => expect(got.map((m) => m.type)).toContain('closed'));
    const types = got.map((m) => m.type);
    expect(types[0]).toBe('ready');
    expect(types.indexOf('responses')).toBeLessThan(types.indexOf('closed'));
    expect(got.find((m) => m.type === 'responses')!.payload.responses.map((r: { id: string }) => r.id)).toEqual([
      answer.id,
    ]);
    expect(got.find((m) => m.type === 'closed')!.payload).toEqual({ survey: 'embed-d', reason: 'hidden' });
    expect(card()).toBeFalsy();
  });

  test('with an endpoint, embed.html itself posts ready and forwards the events', async () => {
    const got = androidHost();
    const nps = run(hashOf({ survey: 'embed-e', endpoint: 'https://collect.acme.test/v1/responses' }))!;
    await vi.waitFor(() => expect(card()).toBeTruthy());
    nps.hide();
    expect(got.map((m) => m.type)).toEqual(['ready', 'shown', 'closed']);
    expect(got[0]!.payload).toEqual({ survey: 'embed-e', sdk: expect.any(String) });
  });
});

describe('embed.html with an endpoint forwards outcomes', () => {
  afterEach(() => {
    running.splice(0).forEach((nps) => nps.destroy());
    delete w.CandorAndroid;
    localStorage.clear();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  test("a readable 403 reaches the app as error, with the collector's reason", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        new Response(JSON.stringify({ error: 'origin https://app.test is not allowed' }), { status: 403 }),
      ),
    );
    const got = androidHost();
    // Its own storage (no other test's delivery lease in the way): the app's Candor.init, as candor.js would do it.
    const nps = start(hashOf({ survey: 'embed-f', endpoint: 'https://refusing.acme.test/v1/responses' }), {
      init: (config) => createNps(config as ConfigInput, memoryEnv()),
    })!;
    running.push(nps);
    await nps.submit({ score: 9, consentVersion: '1' });
    await vi.waitFor(() => expect(got.map((m) => m.type)).toContain('error'));
    expect(got.find((m) => m.type === 'error')!.payload.message).toContain('origin https://app.test is not allowed');
  });

  test('a candor.full.js that did not load: ready, then error', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const got = androidHost();
    expect(start(hashOf({ survey: 'embed-g' }), undefined)).toBeNull();
    expect(got.map((m) => m.type)).toEqual(['ready', 'error']);
    expect(got[1]!.payload.message).toContain('candor.full.js did not load');
  });

  test('started twice for one survey: one ready, and each event posted once', async () => {
    const got = androidHost();
    const hash = hashOf({ survey: 'embed-h', endpoint: 'https://collect.acme.test/v1/responses' });
    const nps = run(hash)!;
    expect(start(hash, { init })).toBe(nps);
    await vi.waitFor(() => expect(card()).toBeTruthy());
    nps.hide();
    expect(got.map((m) => m.type)).toEqual(['ready', 'shown', 'closed']);
  });
});
