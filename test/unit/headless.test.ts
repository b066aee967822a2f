import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createSurvey, CandorConfigError, type Survey } from '../../src/headless.js';
import { THROTTLE_KEY } from '../../src/throttle.js';
import { settle } from './helpers.js';

const base = { survey: 'app', endpoint: 'https://collect.acme.test/v1/responses', rules: { delayMs: 0 } };
const started: Survey[] = [];
const make = (extra: Record<string, unknown> = {}) => {
  const survey = createSurvey({ ...base, ...extra });
  started.push(survey);
  return survey;
};
const stored = () => JSON.parse(localStorage.getItem(THROTTLE_KEY) ?? '{}') as Record<string, Record<string, number>>;

beforeEach(() => {
  localStorage.clear();
  // The endpoint never answers: whatever is accepted stays in the outbox for export().
  vi.stubGlobal('fetch', () => new Promise(() => {}));
});
afterEach(() => {
  started.splice(0).forEach((s) => s.destroy());
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
  delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
});

describe('createSurvey (candor-nps/headless)', () => {
  test('draws nothing, ever: no element is added to the page, even once the rules say the prompt is due', async () => {
    const before = document.documentElement.outerHTML;
    const survey = make();
    await new Promise((r) => setTimeout(r, 50));
    await survey.submit({ score: 9, consentVersion: '1' });
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('candor-nps')).toBeNull();
    expect(document.documentElement.outerHTML).toBe(before);
  });

  test('stores what the app’s own UI collected, anonymised, and exports it', async () => {
    const survey = make({ survey: 'exported' });
    const submitted = vi.fn();
    survey.on('submit', submitted);
    const response = await survey.submit({ score: 3, comment: 'mail me at a@b.co', consentVersion: '2' });
    expect(response).toMatchObject({ survey: 'exported', score: 3, category: 'detractor', consentVersion: '2' });
    expect(response.comment).toBe('mail me at [email]');
    expect(submitted).toHaveBeenCalledWith(response);
    expect((await survey.export()).answers.map((a) => a.body)).toEqual([response]);
  });

  test('refuses an answer without the consent version the app’s UI showed', async () => {
    await expect(make().submit({ score: 9 } as never)).rejects.toMatchObject({ code: 'ConsentRequired' });
  });
});

describe('shouldAsk', () => {
  test('is true when every rule allows it, and false for a dismissal within dismissDays (markDismissed)', () => {
    const survey = make();
    expect(survey.shouldAsk()).toBe(true);
    const dismissed = vi.fn();
    survey.on('dismiss', dismissed);
    survey.markDismissed();
    expect(dismissed).toHaveBeenCalledWith({ survey: 'app' });
    expect(survey.shouldAsk()).toBe(false);
    expect(make({ survey: 'other' }).shouldAsk()).toBe(true);
  });

  test('is false after an answer, for resurveyDays', async () => {
    const survey = make();
    await survey.submit({ score: 10, consentVersion: '1' });
    expect(survey.shouldAsk()).toBe(false);
    const soon = make({ survey: 'soon', rules: { resurveyDays: 0 } });
    await soon.submit({ score: 10, consentVersion: '1' });
    expect(soon.shouldAsk()).toBe(true);
  });

  test('counts page views from creation (minPageViews) and follows URL rules and the sample', async () => {
    expect(make({ rules: { minPageViews: 2 } }).shouldAsk()).toBe(false);
    const twice = make({ survey: 'twice', rules: { minPageViews: 2 } });
    expect(twice.shouldAsk()).toBe(false);
    history.pushState(null, '', '/next'); // a single-page app's navigation: the second page view
    await settle();
    expect(twice.shouldAsk()).toBe(true);
    history.replaceState(null, '', '/checkout/pay');
    expect(make({ survey: 'u1', rules: { urlExcludes: ['/checkout'] } }).shouldAsk()).toBe(false);
    expect(make({ survey: 'u2', rules: { urlIncludes: ['/checkout'] } }).shouldAsk()).toBe(true);
    expect(make({ survey: 's0', rules: { sample: 0 } }).shouldAsk()).toBe(false);
  });

  test('is false under Global Privacy Control, which stores and tells nothing (markShown, markDismissed)', () => {
    (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl = true;
    const survey = make();
    const heard = vi.fn();
    survey.on('shown', heard);
    survey.on('dismiss', heard);
    expect(survey.shouldAsk()).toBe(false);
    expect(make({ survey: 'preview', preview: true }).shouldAsk()).toBe(false);
    survey.markShown();
    survey.markDismissed();
    expect(heard).not.toHaveBeenCalled();
    expect(localStorage.getItem(THROTTLE_KEY)).toBeNull();
  });

  test('instances of a survey created in the same task (StrictMode’s double mount) count one page view; a navigation counts the next', async () => {
    history.replaceState(null, '', '/one');
    make({ survey: 'views' });
    make({ survey: 'views' }).destroy();
    make({ survey: 'views' });
    expect(stored().views?.pageViews).toBe(1);
    history.pushState(null, '', '/two');
    await settle();
    expect(stored().views?.pageViews).toBe(2);
  });

  test('markShown notes shownAt in the throttle record and emits shown', () => {
    const survey = make();
    const shown = vi.fn();
    survey.on('shown', shown);
    survey.markShown();
    expect(shown).toHaveBeenCalledWith({ survey: 'app' });
    expect(stored().app?.shownAt).toBeTypeOf('number');
  });
});

describe('setSegment', () => {
  test('changes the segment of answers given afterwards, not of those already stored', async () => {
    const survey = make({ segment: { plan: 'free' } });
    const first = await survey.submit({ score: 8, consentVersion: '1' });
    survey.setSegment({ plan: 'pro', app: '4.2.0' });
    const second = await survey.submit({ score: 8, consentVersion: '1' });
    survey.setSegment(undefined);
    const third = await survey.submit({ score: 8, consentVersion: '1' });
    expect([first.segment, second.segment, third.segment]).toEqual([
      { plan: 'free' },
      { plan: 'pro', app: '4.2.0' },
      undefined,
    ]);
  });

  test('validates like the config: a bad segment throws CandorConfigError naming the key, and changes nothing', async () => {
    const survey = make({ segment: { plan: 'free' } });
    expect(() => survey.setSegment({ email: 'a@b.co' })).toThrow(CandorConfigError);
    expect(() => survey.setSegment({ email: 'a@b.co' })).toThrow(
      'segment.email: expected up to 64 letters, digits, spaces, _ . or -, got "a@b.co"',
    );
    expect(() => survey.setSegment({ a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' })).toThrow(/^segment: /);
    expect(() => survey.setSegment(new Map([['plan', 'pro']]) as never)).toThrow(/^segment: expected a plain object/);
    expect(() => survey.setSegment(Object.create({ plan: 'pro' }))).toThrow(/^segment: expected a plain object/);
    const throwing = Object.defineProperty({}, 'plan', {
      enumerable: true,
      get() {
        throw new Error('nope');
      },
    });
    expect(() => survey.setSegment(throwing)).toThrow(CandorConfigError);
    expect((await survey.submit({ score: 8, consentVersion: '1' })).segment).toEqual({ plan: 'free' });
  });
});
