import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createNps, type NpsInstance } from '../../src/index.js';
import { THROTTLE_KEY } from '../../src/throttle.js';
import { DAY } from '../../src/rules.js';
import { button, radios, tap } from './helpers.js';

// When the prompt appears, through createNps in jsdom with fake
// timers and clock: each `page()` is a page load (the previous instance is
// destroyed, as leaving a page would), `go()` a single-page-app navigation.
// jsdom has no Navigation API, so the History API wrapper is what runs here;
// test/browser/rules.test.ts covers Chromium's Navigation API.

const base = { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses' };
const live: NpsInstance[] = [];
let current: NpsInstance | undefined;
/** A page load with this config. */
function page(extra: Record<string, unknown> = {}, survey = 'home') {
  current?.destroy();
  current = createNps({ ...base, survey, ...extra });
  live.push(current);
  return current;
}
const go = async (path: string) => {
  history.pushState(null, '', path);
  await Promise.resolve(); // navigation is seen in a microtask
};
const onScreen = () => document.querySelectorAll('candor-nps').length;
const record = () => JSON.parse(localStorage.getItem(THROTTLE_KEY) ?? '{}');
const NOW = Date.UTC(2026, 10, 23, 9);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: NOW });
  history.replaceState(null, '', '/');
});
afterEach(() => {
  live.splice(0).forEach((nps) => nps.destroy());
  current = undefined;
  localStorage.clear();
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
});

describe('timing', () => {
  test('delayMs: the prompt appears that long after the page is ready, not before', async () => {
    page({ rules: { delayMs: 5000 } });
    await vi.advanceTimersByTimeAsync(4999);
    expect(onScreen()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(onScreen()).toBe(1);
  });

  test('minPageViews: counted per survey in the throttle record; the prompt comes on the third view', async () => {
    for (const expected of [0, 0, 1]) {
      page({ rules: { minPageViews: 3 } });
      await vi.advanceTimersByTimeAsync(0);
      expect(onScreen()).toBe(expected);
    }
    expect(record().home.pageViews).toBe(3);
    page({ rules: { minPageViews: 3 } }, 'other');
    await vi.advanceTimersByTimeAsync(0);
    expect(record().other.pageViews).toBe(1);
  });

  test('sample 0: never by itself; show() still shows (it overrides timing rules)', async () => {
    const nps = page({ rules: { sample: 0, minPageViews: 5, delayMs: 60_000 } });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(onScreen()).toBe(0);
    expect(nps.show()).toBe(true);
    expect(onScreen()).toBe(1);
  });

  test('sample is drawn once per page load, with crypto.getRandomValues, not again on navigation', async () => {
    const draw = vi.spyOn(crypto, 'getRandomValues');
    page({ rules: { sample: 0.5 } });
    await go('/a');
    await go('/b');
    expect(draw).toHaveBeenCalledTimes(1);
  });
});

describe('throttle', () => {
  test('after an answer: not again for resurveyDays (90); show() refuses unless { force: true }', async () => {
    page({ followUp: false });
    await vi.advanceTimersByTimeAsync(0);
    await tap(button("Yes, I'll answer"));
    await tap(radios()[9]!);
    await vi.waitFor(() => expect(record().home.answeredAt).toBeGreaterThanOrEqual(NOW));
    const nps = page({ followUp: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(0);
    expect(nps.show()).toBe(false);
    expect(onScreen()).toBe(0);
    expect(nps.show({ force: true })).toBe(true);
    expect(onScreen()).toBe(1);
    nps.hide();
    vi.setSystemTime(Date.now() + 90 * DAY);
    page({ followUp: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(1);
  });

  test('after "No thanks" or closing: not again for dismissDays (30)', async () => {
    page();
    await vi.advanceTimersByTimeAsync(0);
    await tap(button('No thanks'));
    expect(record().home.dismissedAt).toBe(NOW);
    vi.setSystemTime(NOW + 29 * DAY);
    page();
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(0);
    vi.setSystemTime(NOW + 30 * DAY);
    page();
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(1);
  });

  test('the clock went back a year after a dismissal: the stored time is brought to now, so the throttle ends 30 days later', async () => {
    localStorage.setItem(THROTTLE_KEY, JSON.stringify({ home: { dismissedAt: NOW + 365 * DAY } }));
    page();
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(0);
    expect(record().home.dismissedAt).toBe(NOW);
    vi.setSystemTime(NOW + 30 * DAY);
    page();
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(1);
  });

  test('the record holds timestamps and a counter per survey, nothing else; forget() deletes it', async () => {
    const nps = page();
    await vi.advanceTimersByTimeAsync(0);
    expect(record()).toEqual({ home: { pageViews: 1, shownAt: NOW } });
    await nps.forget();
    expect(localStorage.getItem(THROTTLE_KEY)).toBeNull();
  });

  test('storeThrottle: false keeps it in memory: nothing in localStorage, the rules still hold for the page', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const nps = page({ rules: { storeThrottle: false } });
    await vi.advanceTimersByTimeAsync(0);
    await tap(button('No thanks'));
    expect(nps.show()).toBe(false);
    expect(setItem).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    await nps.forget();
    expect(nps.show()).toBe(true);
  });
});

describe('URL rules', () => {
  test('urlExcludes: no prompt on an excluded page; urlIncludes: only on included pages', async () => {
    history.replaceState(null, '', '/checkout/pay');
    page({ rules: { urlExcludes: ['/checkout'] } });
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(0);
    history.replaceState(null, '', '/pricing');
    page({ rules: { urlIncludes: ['/app', '/docs/*'] } });
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(0);
    history.replaceState(null, '', '/docs/start');
    page({ rules: { urlIncludes: ['/app', '/docs/*'] } });
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(1);
  });
});

describe('single-page apps', () => {
  test('a delayed prompt is cancelled when the person navigates to an excluded page before it fires', async () => {
    const shown = vi.fn();
    page({ rules: { delayMs: 10_000, urlExcludes: ['/checkout'] } }).on('shown', shown);
    await vi.advanceTimersByTimeAsync(5000);
    await go('/checkout');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onScreen()).toBe(0);
    expect(shown).not.toHaveBeenCalled();
  });

  test('navigating to an allowed page counts a page view and schedules the prompt after delayMs', async () => {
    history.replaceState(null, '', '/checkout');
    page({ rules: { delayMs: 3000, urlExcludes: ['/checkout'], minPageViews: 2 } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onScreen()).toBe(0);
    await go('/dashboard');
    expect(record().home.pageViews).toBe(2);
    await vi.advanceTimersByTimeAsync(2999);
    expect(onScreen()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(onScreen()).toBe(1);
  });

  test('a hash change or replaceState to the same path is not a page view', async () => {
    page();
    await vi.advanceTimersByTimeAsync(0);
    history.replaceState({ tab: 2 }, '', '/#section');
    await Promise.resolve();
    expect(record().home.pageViews).toBe(1);
  });

  test('an open prompt the person has not started is withdrawn on an excluded page; one they are answering stays', async () => {
    const dismiss = vi.fn();
    page({ rules: { urlExcludes: ['/checkout'] } }).on('dismiss', dismiss);
    await vi.advanceTimersByTimeAsync(0);
    await go('/checkout');
    expect(onScreen()).toBe(0);
    expect(dismiss).not.toHaveBeenCalled(); // not the person's choice: no dismissal, no throttle
    expect(record().home.dismissedAt).toBeUndefined();

    await go('/home');
    await vi.advanceTimersByTimeAsync(0);
    await tap(button("Yes, I'll answer"));
    await go('/checkout');
    expect(onScreen()).toBe(1);
  });

  test('the host page’s own History API patches keep working', async () => {
    const seen: string[] = [];
    const theirs = history.pushState;
    history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
      seen.push(String(args[2]));
      return theirs.apply(this, args);
    };
    try {
      page({ rules: { delayMs: 1000, urlExcludes: ['/x'] } });
      await go('/x');
      await vi.advanceTimersByTimeAsync(5000);
      expect(seen).toEqual(['/x']);
      expect(location.pathname).toBe('/x');
      expect(onScreen()).toBe(0);
    } finally {
      history.pushState = theirs;
    }
  });
});

describe('privacy signals and preview', () => {
  test('Global Privacy Control: never shown, no shown event, nothing stored — not even with force', async () => {
    (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl = true;
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const shown = vi.fn();
    const nps = page();
    nps.on('shown', shown);
    await vi.advanceTimersByTimeAsync(10_000);
    await go('/elsewhere');
    expect(nps.show({ force: true })).toBe(false);
    expect(onScreen()).toBe(0);
    expect(shown).not.toHaveBeenCalled();
    expect(setItem).not.toHaveBeenCalled();
  });

  test('preview: shown regardless of rules, and the throttle record is not touched', async () => {
    localStorage.setItem(THROTTLE_KEY, JSON.stringify({ home: { answeredAt: NOW } }));
    history.replaceState(null, '', '/checkout');
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    page({ preview: true, followUp: false, rules: { urlExcludes: ['/checkout'], sample: 0, delayMs: 60_000 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(onScreen()).toBe(1);
    await tap(button("Yes, I'll answer"));
    await tap(radios()[3]!);
    await vi.waitFor(() => expect(info).toHaveBeenCalled());
    expect(record()).toEqual({ home: { answeredAt: NOW } });
  });
});

describe('one prompt at a time', () => {
  test('a second survey due while one is open waits until it closes', async () => {
    const first = createNps({ ...base, survey: 'first' });
    const second = createNps({ ...base, survey: 'second', rules: { delayMs: 1000 } });
    live.push(first, second);
    const shown: string[] = [];
    first.on('shown', ({ survey }) => shown.push(survey));
    second.on('shown', ({ survey }) => shown.push(survey));
    await vi.advanceTimersByTimeAsync(5000);
    expect(shown).toEqual(['first']);
    expect(onScreen()).toBe(1);
    first.hide();
    expect(shown).toEqual(['first', 'second']);
    expect(onScreen()).toBe(1);
  });
});
