import { describe, expect, test, vi } from 'vitest';
import { createNps, type CloseReason, type NpsInstance } from '../../src/index.js';
import { THANKS_MS } from '../../src/ui/Card.js';
import { $, answerInCard, button, instances, radios, shadow, tap } from './helpers.js';
import { memoryEnv } from './rig.js';
import { memoryBackend } from '../../src/storage/memory.js';

// The `closed` event: whenever a drawn prompt goes away, the host (a modal, a
// webview) hears it once, with why.

const started = instances();
const make = (extra: Record<string, unknown> = {}, env = memoryEnv()) => {
  const nps = createNps(
    { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses', rules: { delayMs: 0 }, ...extra },
    env,
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

  /** A card answered up to its thank-you step, under fake timers; what `closed` said so far. */
  const thanked = async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    const nps = make();
    const seen = reasons(nps);
    await answerInCard(nps, 9);
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    return seen;
  };

  test('"completed" when the thank-you step closes by itself after the answer', async () => {
    const seen = await thanked();
    await vi.advanceTimersByTimeAsync(THANKS_MS - 100);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(seen).toEqual(['completed']);
    gone();
  });

  test('"completed" when the person closes the follow-up step: after the score given is stored, never before', async () => {
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    const nps = make();
    const order: string[] = [];
    nps.on('submit', () => order.push('submit'));
    nps.on('closed', ({ reason }) => order.push(`closed ${reason}`));
    await open(nps);
    await tap(button("Yes, I'll answer"));
    await tap(radios()[6]!);
    await vi.waitFor(() => shadow().querySelector('textarea') ?? Promise.reject(new Error('no follow-up yet')));
    await tap($('button.x'));
    await vi.waitFor(() => expect(order).toEqual(['submit', 'closed completed']));
    expect((await nps.export()).answers.map((a) => a.body.score)).toEqual([6]);
  });

  test('an answer that could not be stored is never "completed"', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const backend = memoryBackend();
    const broken = { ...backend, transact: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) };
    const nps = make({}, memoryEnv(broken as typeof backend));
    const seen = reasons(nps);
    await answerInCard(nps, 8);
    await vi.waitFor(() => expect($('h2').textContent).toBe('Your answer could not be saved'), { timeout: 5_000 });
    await tap($('button.x'));
    await vi.waitFor(() => expect(seen).toEqual(['dismissed']));
  });

  test('once per prompt: closing the thank-you step by hand leaves nothing for its timer', async () => {
    const seen = await thanked();
    await tap($('button.x'));
    await vi.advanceTimersByTimeAsync(THANKS_MS * 3);
    expect(seen).toEqual(['completed']);
  });

  test('"hidden" when the page navigates to a URL the rules exclude, before the person started', async () => {
    const nps = make({ rules: { delayMs: 0, urlExcludes: ['/checkout'] } });
    const seen = reasons(nps);
    await open(nps);
    history.pushState(null, '', '/checkout/pay');
    await vi.waitFor(() => expect(seen).toEqual(['hidden']));
    history.replaceState(null, '', '/');
  });

  test('hide() also stops a prompt that was still waiting for its delay', async () => {
    const nps = make({ rules: { delayMs: 50 } });
    nps.hide();
    await new Promise((r) => setTimeout(r, 150));
    expect(document.querySelector('candor-nps')).toBeNull();
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
    history.replaceState(null, '', '/first'); // a path this page load has not counted for the survey yet
    const nps = make({ rules: { auto: false, minPageViews: 2 } });
    expect(nps.shouldAsk()).toBe(false);
    history.pushState(null, '', '/next'); // a single-page app's navigation: the second page view
    await vi.waitFor(() => expect(nps.shouldAsk()).toBe(true));
    history.replaceState(null, '', '/');
    await open(nps);
    await tap($('button.x'));
    expect(nps.shouldAsk()).toBe(false);
    expect(nps.show()).toBe(false);
    expect(nps.show({ force: true })).toBe(true);
  });
});
