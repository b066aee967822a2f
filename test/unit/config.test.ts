import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { CandorConfigError } from '../../src/errors.js';

const ok = { survey: 'home', endpoint: 'https://collect.example.com/v1/responses' };

function messageOf(input: unknown): string {
  try {
    parseConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CandorConfigError);
    return (error as Error).message;
  }
  throw new Error('parseConfig accepted a bad config');
}

describe('parseConfig', () => {
  test('fills every default for the smallest valid config', () => {
    expect(parseConfig(ok)).toEqual({
      ...ok,
      followUp: true,
      consent: { version: '1' },
      locale: 'auto',
      theme: { dark: 'auto' },
      position: 'bottom-right',
      rules: {
        auto: true,
        delayMs: 0,
        minPageViews: 0,
        sample: 1,
        resurveyDays: 90,
        dismissDays: 30,
        respectGpc: true,
        storeThrottle: true,
      },
      preview: false,
      transport: 'fetch',
      ttlDays: 7,
      debug: false,
    });
  });

  test('accepts a full config and keeps its values', () => {
    const transport = async () => {};
    const full = {
      survey: 'checkout_v2',
      brand: 'Acme',
      question: 'Would you recommend {brand}?',
      followUp: { promoter: 'Yay?', detractor: 'Nay?' },
      consent: { text: 'We ask…', policyUrl: 'https://acme.test/privacy', version: '2026-11' },
      locale: 'pt-BR',
      strings: { next: 'Continue', de: { next: 'Weiter' } },
      theme: {
        accent: '#ff5500',
        background: 'rgb(0 0 0)',
        text: 'white',
        radius: 4,
        font: 'Inter, sans-serif',
        dark: true,
      },
      position: { inline: '#feedback' },
      nonce: 'abc123==',
      rules: { delayMs: 5000, urlIncludes: ['/app'], urlExcludes: ['/app/billing/*'], sample: 0.25 },
      preview: true,
      transport,
      ttlDays: 30,
      segment: { plan: 'pro', app: '2.4.1' },
      debug: true,
    };
    const config = parseConfig(full);
    expect(config.transport).toBe(transport);
    expect(config.theme).toEqual(full.theme);
    expect(config.rules.sample).toBe(0.25);
    expect(config.rules.resurveyDays).toBe(90);
    expect(config.position).toEqual({ inline: '#feedback' });
  });

  test('allows http only for local hosts', () => {
    for (const endpoint of [
      'http://localhost:8787/v1',
      'http://app.localhost/x',
      'http://127.0.0.1:9/x',
      'http://[::1]:8787/',
    ]) {
      expect(parseConfig({ survey: 's', endpoint }).endpoint).toBe(endpoint);
    }
  });

  test('needs no endpoint with the bridge or a function transport', () => {
    expect(parseConfig({ survey: 's', transport: 'bridge' }).endpoint).toBeUndefined();
    expect(parseConfig({ survey: 's', transport: async () => {} }).endpoint).toBeUndefined();
  });

  test('ignores keys inherited from a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.debug = 'yes';
    try {
      expect(parseConfig(ok).debug).toBe(false);
    } finally {
      delete proto.debug;
    }
  });

  const bad: [string, unknown, string][] = [
    [
      'not an object',
      'home',
      'config: expected a config object such as { survey: "home", endpoint: "https://…" }, got "home"',
    ],
    ['null', null, 'config: expected a config object such as { survey: "home", endpoint: "https://…" }, got null'],
    [
      'missing survey',
      { endpoint: ok.endpoint },
      'survey: missing, expected a survey id of 1–64 characters a-z, 0-9, _ or -',
    ],
    [
      'survey with capitals',
      { ...ok, survey: 'Home' },
      'survey: expected a survey id of 1–64 characters a-z, 0-9, _ or -, got "Home"',
    ],
    [
      'ftp endpoint',
      { ...ok, endpoint: 'ftp://x' },
      'endpoint: expected an https URL (http only for localhost), got "ftp://x"',
    ],
    [
      'http on a public host',
      { ...ok, endpoint: 'http://example.com/c' },
      'endpoint: expected an https URL (http only for localhost), got "http://example.com/c"',
    ],
    [
      'credentials in the endpoint',
      { ...ok, endpoint: 'https://u:p@example.com/' },
      'endpoint: expected an https URL (http only for localhost), got "https://u:p@example.com/"',
    ],
    [
      'missing endpoint',
      { survey: 'home' },
      'endpoint: missing, expected an https URL (http only for localhost); required unless transport is "bridge" or a function',
    ],
    ['misspelt key', { ...ok, endpiont: 'x' }, 'endpiont: unknown key (did you mean "endpoint"?)'],
    ['unknown key with no near match', { ...ok, colour: 'red' }, 'colour: unknown key'],
    ['number as brand', { ...ok, brand: 42 }, 'brand: expected a string of 1–80 characters, got 42'],
    ['empty question', { ...ok, question: '' }, 'question: expected a string of 1–300 characters, got ""'],
    [
      'followUp as a string',
      { ...ok, followUp: 'yes' },
      'followUp: expected true, false or { promoter?, passive?, detractor? } prompts, got "yes"',
    ],
    [
      'misspelt followUp prompt',
      { ...ok, followUp: { promotor: 'Why?' } },
      'followUp.promotor: unknown key (did you mean "promoter"?)',
    ],
    [
      'consent policy over http',
      { ...ok, consent: { policyUrl: 'http://acme.test/p' } },
      'consent.policyUrl: expected an https URL (http only for localhost), got "http://acme.test/p"',
    ],
    [
      'bad locale',
      { ...ok, locale: 'english!' },
      'locale: expected "auto" or a language tag such as "de" or "pt-BR", got "english!"',
    ],
    [
      'unknown UI string',
      { ...ok, strings: { qestion: 'Q?' } },
      'strings.qestion: unknown UI string key (did you mean "question"?)',
    ],
    [
      'unknown UI string in a language table',
      { ...ok, strings: { de: { nxet: 'Weiter' } } },
      'strings.de.nxet: unknown UI string key (did you mean "next"?)',
    ],
    [
      'table under a non-language key',
      { ...ok, strings: { german: { next: 'Weiter' } } },
      'strings.german: expected a language tag such as "de" before a table of strings',
    ],
    [
      'CSS injection in a colour',
      { ...ok, theme: { accent: 'red;} body{display:none' } },
      'theme.accent: expected a CSS colour such as "#0b57d0" or "rgb(11 87 208)", got "red;} body{display:none"',
    ],
    [
      'fractional radius',
      { ...ok, theme: { radius: 2.5 } },
      'theme.radius: expected a whole number from 0 to 48, got 2.5',
    ],
    ['dark as a string', { ...ok, theme: { dark: 'yes' } }, 'theme.dark: expected "auto", true or false, got "yes"'],
    [
      'unknown position',
      { ...ok, position: 'middle' },
      'position: expected "bottom-right", "bottom-left", "top-right", "top-left", "full-page" or { inline: "#selector" }, got "middle"',
    ],
    [
      'inline position without a selector',
      { ...ok, position: { inline: 3 } },
      'position.inline: expected a string of 1–200 characters, got 3',
    ],
    ['sample above 1', { ...ok, rules: { sample: 2 } }, 'rules.sample: expected a number from 0 to 1, got 2'],
    [
      'relative url rule',
      { ...ok, rules: { urlIncludes: ['app'] } },
      'rules.urlIncludes.0: expected a path starting with "/" (* matches any run of characters), got "app"',
    ],
    [
      'rules as an array',
      { ...ok, rules: [] },
      'rules: expected an object with keys auto, delayMs, minPageViews, urlIncludes, urlExcludes, sample, resurveyDays, dismissDays, respectGpc, storeThrottle, got an array',
    ],
    [
      'unknown transport',
      { ...ok, transport: 'xhr' },
      'transport: expected "fetch", "bridge" or an async function (batch) => void, got "xhr"',
    ],
    ['ttlDays over 30', { ...ok, ttlDays: 31 }, 'ttlDays: expected a whole number from 1 to 30, got 31'],
    [
      'segment with an email value',
      { ...ok, segment: { plan: 'a@b.c' } },
      'segment.plan: expected up to 64 letters, digits, spaces, _ . or -, got "a@b.c"',
    ],
    [
      'segment key with a space',
      { ...ok, segment: { 'user id': 'x' } },
      'segment.user id: expected a key of letters, digits or _ (at most 32), got "user id"',
    ],
    [
      'segment with six keys',
      { ...ok, segment: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } },
      'segment: expected an object of up to 5 cohort values, e.g. { plan: "pro" }, got an object',
    ],
    ['debug as a string', { ...ok, debug: 'true' }, 'debug: expected true or false, got "true"'],
    [
      'long values are cut short',
      { ...ok, brand: 'x'.repeat(100) },
      `brand: expected a string of 1–80 characters, got "${'x'.repeat(56)}…`,
    ],
  ];

  test.each(bad)('rejects %s with a message naming the key', (_, input, message) => {
    expect(messageOf(input)).toBe(message);
  });

  test('names every problem in one line, and the first key on the error', () => {
    let error: CandorConfigError | undefined;
    try {
      parseConfig({ survey: 'Home', endpoint: 'ftp://x', ttlDays: 0 });
    } catch (e) {
      error = e as CandorConfigError;
    }
    expect(error?.key).toBe('survey');
    expect(error?.message.split('; ')).toHaveLength(3);
    expect(error?.message).not.toContain('\n');
  });
});
