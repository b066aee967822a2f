import { describe, expect, test } from 'vitest';
import { blocked, DAY, inSample, pathMatches, seen, throttled, urlAllowed } from '../../src/rules.js';
import { parseConfig } from '../../src/config.js';

const rulesOf = (rules: Record<string, unknown> = {}) =>
  parseConfig({ survey: 'home', endpoint: 'https://x.test/', rules }).rules;
const NOW = Date.UTC(2026, 10, 23, 12);

describe('path rules', () => {
  test.each([
    ['/app', '/app', true],
    ['/app', '/app/', true],
    ['/app', '/app/settings', true],
    ['/app', '/apple', false],
    ['/app/', '/app', true],
    ['/app/', '/app/x', true],
    ['/', '/anything', true],
    ['/docs/*', '/docs/intro', true],
    ['/docs/*', '/docs/a/b', true],
    ['/docs/*', '/docs', false],
    ['/*/settings', '/team/settings', true],
    ['/*/settings', '/team/settings/x', false],
    ['/shop/*/checkout', '/shop/42/checkout', true],
    ['/shop/*/checkout', '/shop/checkout', false],
    ['*', '/x', true],
    ['/a*b*c', '/abc', true],
    ['/a*b*c', '/aXbYc', true],
    ['/a*b*c', '/acb', false],
    ['/ab*ab', '/ab', false],
  ])('%s on %s → %s', (pattern, path, expected) => {
    expect(pathMatches(path, pattern)).toBe(expected);
  });

  test('urlIncludes: any of them; urlExcludes: none of them; excludes win', () => {
    const rules = rulesOf({ urlIncludes: ['/app', '/docs/*'], urlExcludes: ['/app/billing'] });
    expect(urlAllowed('/app/projects', rules)).toBe(true);
    expect(urlAllowed('/docs/start', rules)).toBe(true);
    expect(urlAllowed('/pricing', rules)).toBe(false);
    expect(urlAllowed('/app/billing/invoices', rules)).toBe(false);
    expect(urlAllowed('/anything', rulesOf())).toBe(true);
  });
});

describe('throttle', () => {
  const rules = rulesOf();
  test('resurveyDays (default 90) after an answer, dismissDays (default 30) after a dismissal', () => {
    expect(throttled({ answeredAt: NOW - 89 * DAY }, rules, NOW)).toBe('answered');
    expect(throttled({ answeredAt: NOW - 90 * DAY }, rules, NOW)).toBeUndefined();
    expect(throttled({ dismissedAt: NOW - 29 * DAY }, rules, NOW)).toBe('dismissed');
    expect(throttled({ dismissedAt: NOW - 30 * DAY }, rules, NOW)).toBeUndefined();
    expect(throttled({ answeredAt: NOW - 100 * DAY, dismissedAt: NOW - DAY }, rules, NOW)).toBe('dismissed');
    expect(throttled(undefined, rules, NOW)).toBeUndefined();
    expect(throttled({ shownAt: NOW, pageViews: 9 }, rules, NOW)).toBeUndefined();
  });

  test('configured lengths; 0 days never throttles', () => {
    expect(throttled({ answeredAt: NOW - 2 * DAY }, rulesOf({ resurveyDays: 1 }), NOW)).toBeUndefined();
    expect(throttled({ dismissedAt: NOW }, rulesOf({ dismissDays: 0 }), NOW)).toBeUndefined();
  });

  test('a time in the future (the clock went back a year) counts as now: the throttle ends, it is not permanent', () => {
    const answeredInTheFuture = { answeredAt: NOW + 365 * DAY };
    expect(throttled(answeredInTheFuture, rules, NOW)).toBe('answered');
    expect(throttled(answeredInTheFuture, rules, NOW + 90 * DAY)).toBe('answered'); // still the future then
    expect(seen(NOW + 365 * DAY, NOW)).toBe(NOW);
    // Once brought to now (the scheduler writes seen() back), it lasts exactly resurveyDays.
    expect(throttled({ answeredAt: seen(NOW + 365 * DAY, NOW) }, rules, NOW + 90 * DAY)).toBeUndefined();
  });
});

describe('sample', () => {
  test('1 always, 0 never, otherwise below the rate', () => {
    expect(inSample(1, () => 0.999)).toBe(true);
    expect(inSample(0, () => 0)).toBe(false);
    expect(inSample(0.25, () => 0.2499)).toBe(true);
    expect(inSample(0.25, () => 0.25)).toBe(false);
  });

  test('draws from crypto.getRandomValues: about the rate over many page loads', () => {
    let yes = 0;
    for (let i = 0; i < 20_000; i++) if (inSample(0.3)) yes++;
    expect(yes / 20_000).toBeGreaterThan(0.27);
    expect(yes / 20_000).toBeLessThan(0.33);
  });
});

describe('all rules together', () => {
  const facts = { path: '/app', entry: { pageViews: 3 }, now: NOW, sampled: true };
  test('the first rule that blocks is named', () => {
    const rules = rulesOf({ urlIncludes: ['/app'], minPageViews: 3 });
    expect(blocked(rules, facts)).toBeUndefined();
    expect(blocked(rules, { ...facts, path: '/pricing' })).toBe('url');
    expect(blocked(rules, { ...facts, entry: { pageViews: 2 } })).toBe('pageViews');
    expect(blocked(rules, { ...facts, sampled: false })).toBe('sample');
    expect(blocked(rules, { ...facts, entry: { pageViews: 3, answeredAt: NOW - DAY } })).toBe('answered');
  });
});
