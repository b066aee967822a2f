import { describe, expect, test } from 'vitest';
import { fromAttributes } from '../../widget/fromAttributes.js';
import { parseConfig } from '../../src/config.js';

/** The dataset of a script tag written with these attributes. */
function dataset(attributes: Record<string, string>): DOMStringMap {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  return script.dataset;
}

describe('config from data- attributes', () => {
  test('flat keys, typed: strings, numbers, booleans and lists', () => {
    const config = fromAttributes(
      dataset({
        'data-survey': 'home',
        'data-endpoint': 'https://collect.acme.test/v1/responses',
        'data-brand': 'Acme Notes',
        'data-follow-up': 'false',
        'data-ttl-days': '14',
        'data-debug': '',
        'data-position': 'bottom-left',
      }),
    );
    expect(config).toEqual({
      survey: 'home',
      endpoint: 'https://collect.acme.test/v1/responses',
      brand: 'Acme Notes',
      followUp: false,
      ttlDays: 14,
      debug: true,
      position: 'bottom-left',
    });
    expect(() => parseConfig(config)).not.toThrow();
  });

  test('nested keys: data-rules-*, data-theme-*, data-consent-*', () => {
    const config = fromAttributes(
      dataset({
        'data-survey': 'home',
        'data-endpoint': 'https://collect.acme.test/v1/responses',
        'data-rules-delay-ms': '3000',
        'data-rules-sample': '0.25',
        'data-rules-respect-gpc': 'true',
        'data-rules-auto': 'false',
        'data-rules-url-excludes': '/checkout/*, /admin',
        'data-theme-accent': '#0b57d0',
        'data-theme-radius': '8',
        'data-theme-dark': 'auto',
        'data-consent-policy-url': 'https://acme.test/privacy',
        'data-consent-version': '2',
      }),
    );
    expect(config).toMatchObject({
      rules: { delayMs: 3000, sample: 0.25, respectGpc: true, auto: false, urlExcludes: ['/checkout/*', '/admin'] },
      theme: { accent: '#0b57d0', radius: 8, dark: 'auto' },
      consent: { policyUrl: 'https://acme.test/privacy', version: '2' },
    });
    const parsed = parseConfig(config);
    expect(parsed.rules.delayMs).toBe(3000);
    expect(parsed.consent.version).toBe('2');
  });

  test('a string that only looks like a number stays a string where the key is a string', () => {
    expect(fromAttributes(dataset({ 'data-brand': '2048', 'data-consent-version': '3' }))).toEqual({
      brand: '2048',
      consent: { version: '3' },
    });
  });

  test('a wrong value is passed on as written, so the config error names the key and the value', () => {
    const config = fromAttributes(
      dataset({ 'data-survey': 'home', 'data-endpoint': 'https://x.test/', 'data-rules-delay-ms': 'soon' }),
    );
    expect(() => parseConfig(config)).toThrow('rules.delayMs: expected a whole number from 0 to 3600000, got "soon"');
  });

  test('a misspelt attribute becomes an unknown key the config error names', () => {
    const config = fromAttributes(dataset({ 'data-survey': 'home', 'data-endpiont': 'https://x.test/' }));
    expect(() => parseConfig(config)).toThrow(/endpiont/);
  });
});
