import { describe, expect, test, vi } from 'vitest';
import { createNps, type CloseReason, type NpsInstance } from '../../src/index.js';
import { THANKS_MS } from '../../src/ui/Card.js';
import { $, answerInCard, button, instances, radios, shadow, tap } from './helpers.js';
import { memoryEnv } from './rig.js';

// The `closed` event: whenever a drawn prompt goes away, the host (a modal, a
// webview) hears it once, with why.

const started = instances();
const make = (extra: Record<string, unknown> = {}) => {
  const nps = createNps(
    { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses', rules: { delayMs: 0 }, ...extra },
    memoryEnv(),
  );
  started.push(nps);
  return nps;
};
const reasons = (nps: NpsInstance) => {
  const seen: CloseReason[] = [];
  nps.on('closed', ({ survey, reason }) => {
    expect(survey).toBe(nps.config.survey);
    seen.push(reason);
  });
  return seen;
};
const open = async (nps: NpsInstance) => {
  nps.show({ force: true });
  await vi.waitFor(() => shadow().querySelector('h2') ?? Promise.reject(new Error('no prompt yet')));
};
const gone = () => expect(document.querySelector('candor-nps')?.shadowRoot?.querySelector('section')).toBeFalsy();

describe('closed', () => {
  test('"declined" when the person says no at the consent step', async () => {
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    const nps = make();
    const seen = reasons(nps);
    await open(nps);
    await tap(button('No thanks'));
    expect(seen).toEqual(['declined']);
    gone();
  });

  test('"dismissed" when the person closes it at the consent or the score step', async () => {
    const nps = make();
    const seen = reasons(nps);
    await open(nps);
    await tap($('button.x'));
    await open(nps);
    await tap(button("Yes, I'll answer"));
    await tap($('button.x'));
    expect(seen).toEqual(['dismissed', 'dismissed']);
  });

  test('"completed" when the thank-you step closes by itself after the answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    const nps = make();
    const seen = reasons(nps);
    await answerInCard(nps, 9);
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    await vi.advanceTimersByTimeAsync(THANKS_MS - 100);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(seen).toEqual(['completed']);
    gone();
  });

  test('"completed" when the person closes the follow-up step (the score given is kept)', async () => {
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    const nps = make();
    const seen = reasons(nps);
    await open(nps);
    await tap(button("Yes, I'll answer"));
    await tap(radios()[6]!);
    await vi.waitFor(() => shadow().querySelector('textarea') ?? Promise.reject(new Error('no follow-up yet')));
    await tap($('button.x'));
    expect(seen).toEqual(['completed']);
    await vi.waitFor(async () => expect((await nps.export()).answers.map((a) => a.body.score)).toEqual([6]));
  });

  test('"hidden" on hide() and on destroy(), and nothing when no prompt was on screen', async () => {
    const nps = make();
    const seen = reasons(nps);
    nps.hide();
    expect(seen).toEqual([]);
    await open(nps);
    nps.hide();
    await open(nps);
    nps.destroy();
    expect(seen).toEqual(['hidden', 'hidden']);
  });
});

describe('rules.auto: false', () => {
  test('never shows by itself; show() shows it', async () => {
    const nps = make({ rules: { auto: false, delayMs: 0 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('candor-nps')).toBeNull();
    expect(nps.show()).toBe(true);
    await vi.waitFor(() => expect(document.querySelector('candor-nps')).not.toBeNull());
  });

  test('still counts page views, and show() still honours a recent dismissal unless forced', async () => {
    const first = make({ rules: { auto: false, minPageViews: 2 } });
    expect(first.shouldAsk()).toBe(false);
    first.destroy();
    const nps = make({ rules: { auto: false, minPageViews: 2 } });
    expect(nps.shouldAsk()).toBe(true);
    await open(nps);
    await tap($('button.x'));
    expect(nps.shouldAsk()).toBe(false);
    expect(nps.show()).toBe(false);
    expect(nps.show({ force: true })).toBe(true);
  });
});
