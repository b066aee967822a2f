import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { facade, type Start } from '../../widget/facade.js';
import { createNps } from '../../src/createNps.js';
import { memoryBackend } from '../../src/storage/memory.js';
import { memoryEnv } from './rig.js';
import type { NpsInstance } from '../../src/types.js';

// A survey started by the script-tag loader: the rules run at once; the real instance (here the
// real createNps on memory storage) loads only when needed, and calls made before are replayed.

const ok = { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses' };
const never = new Promise<void>(() => {});
const started: NpsInstance[] = [];

/** A load that counts its calls and resolves when the test says (or at once). */
function loader(mode: 'now' | 'held' | 'fail' = 'now') {
  const backend = memoryBackend();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const load = vi.fn(async (): Promise<Start> => {
    if (mode === 'fail') throw new Error('Candor could not load its code, so no prompt is shown: 404');
    if (mode === 'held') await held;
    return (gate) => createNps(gate.config, memoryEnv(backend), gate);
  });
  return { load, release, backend };
}
const make = (config: object, load: () => Promise<Start>, due: Promise<unknown> = never) => {
  const nps = facade(config, load, (fn) => {
    let on = true;
    void due.then(() => on && fn());
    return () => void (on = false);
  });
  started.push(nps);
  return nps;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => localStorage.clear());
afterEach(() => {
  started.splice(0).forEach((nps) => nps.destroy());
  document.querySelectorAll('candor-nps').forEach((el) => el.remove());
  vi.restoreAllMocks();
});

describe('a page view that does not ask', () => {
  test('sampled out: the view is counted, nothing is loaded, shouldAsk() says no', async () => {
    const { load } = loader();
    const nps = make({ ...ok, rules: { sample: 0 } }, load);
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(nps.shouldAsk()).toBe(false);
    expect(JSON.parse(localStorage.getItem('candor')!)).toEqual({ home: { pageViews: 1 } });
  });

  test('answered recently: show() says false without loading; show({ force: true }) loads and draws', async () => {
    localStorage.setItem('candor', JSON.stringify({ home: { answeredAt: Date.now() - 1000 } }));
    const { load } = loader();
    const nps = make({ ...ok, rules: { auto: false } }, load);
    expect(nps.show()).toBe(false);
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(nps.show({ force: true })).toBe(true);
    await vi.waitFor(() => expect(document.querySelector('candor-nps')).not.toBeNull());
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('a bad config throws at once, naming the key (init turns it into null and one console.error)', () => {
    const { load } = loader();
    expect(() => facade({ ...ok, rules: { sample: 2 } }, load, () => () => {})).toThrow(
      /rules\.sample: expected a number from 0 to 1/,
    );
    expect(load).not.toHaveBeenCalled();
  });
});

describe('a page view that asks', () => {
  test('the code loads while the delay runs, and the prompt appears when it is due', async () => {
    const { load } = loader();
    make({ ...ok, rules: { delayMs: 60 } }, load);
    expect(load).toHaveBeenCalledTimes(1);
    await settle();
    expect(document.querySelector('candor-nps')).toBeNull();
    await vi.waitFor(() => expect(document.querySelector('candor-nps')).not.toBeNull());
  });

  test('due before the code arrived: drawn once it does; listeners added before hear `shown`', async () => {
    const { load, release } = loader('held');
    const nps = make(ok, load);
    const shown = vi.fn();
    nps.on('shown', shown);
    await settle();
    expect(document.querySelector('candor-nps')).toBeNull();
    release();
    await vi.waitFor(() => expect(shown).toHaveBeenCalledWith({ survey: 'home' }));
    expect(document.querySelectorAll('candor-nps')).toHaveLength(1);
  });

  test('hide() before the code arrived: nothing is drawn', async () => {
    const { load, release } = loader('held');
    const nps = make(ok, load);
    nps.hide();
    release();
    await settle();
    expect(document.querySelector('candor-nps')).toBeNull();
  });
});

describe('calls made before the code arrived', () => {
  test('are replayed on the real instance in order, listeners first', async () => {
    const { load, release } = loader('held');
    const nps = make({ ...ok, rules: { auto: false } }, load);
    const heard: string[] = [];
    nps.on('shown', () => heard.push('shown'));
    nps.on('submit', (r) => heard.push(`submit ${r.score}`));
    nps.on('dismiss', () => heard.push('dismiss'));
    nps.markShown();
    const submitted = nps.submit({ score: 9, consentVersion: '1' });
    nps.markDismissed();
    release();
    expect((await submitted).score).toBe(9);
    expect(heard).toEqual(['shown', 'dismiss', 'submit 9']);
    expect((await nps.export()).answers.map((a) => a.body.score)).toEqual([9]);
  });

  test('destroy() after a submit: the submit still stores, later calls reject', async () => {
    const { load, release } = loader('held');
    const nps = make({ ...ok, rules: { auto: false } }, load);
    const submitted = nps.submit({ score: 3, consentVersion: '1' });
    nps.destroy();
    await expect(nps.flush()).rejects.toMatchObject({ code: 'Unsupported' });
    release();
    expect((await submitted).score).toBe(3);
  });

  test('setSegment() before the code arrived is validated at once and carried by the answer', async () => {
    const { load } = loader();
    const nps = make({ ...ok, rules: { auto: false } }, load);
    expect(() => nps.setSegment({ 'bad key': 'x' })).toThrow(/segment/);
    nps.setSegment({ plan: 'pro' });
    expect((await nps.submit({ score: 10, consentVersion: '1' })).segment).toEqual({ plan: 'pro' });
  });
});

describe('code that cannot load', () => {
  test('one error event and one console.error, `closed` for the prompt that was due, promises reject, nothing drawn', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { load } = loader('fail');
    const nps = make(ok, load);
    const events: [string, unknown][] = [];
    nps.on('error', (e) => events.push(['error', e]));
    nps.on('closed', (e) => events.push(['closed', e]));
    await settle();
    expect(events).toEqual([
      ['error', { message: 'Candor could not load its code, so no prompt is shown: 404' }],
      ['closed', { survey: 'home', reason: 'hidden' }],
    ]);
    expect(error).toHaveBeenCalledTimes(1);
    await expect(nps.submit({ score: 9, consentVersion: '1' })).rejects.toMatchObject({ code: 'Unsupported' });
    expect(nps.show()).toBe(false);
    expect(document.querySelector('candor-nps')).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('stored work', () => {
  test('a due hint loads the code without a prompt, and the instance delivers what is stored', async () => {
    const { load } = loader();
    let due!: () => void;
    make({ ...ok, rules: { sample: 0 } }, load, new Promise<void>((resolve) => (due = resolve)));
    await settle();
    expect(load).not.toHaveBeenCalled();
    due();
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    expect(document.querySelector('candor-nps')).toBeNull();
  });
});
