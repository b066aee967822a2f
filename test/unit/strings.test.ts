import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { registerLocale, resolveTexts } from '../../src/strings.js';
import { en } from '../../src/locales/en.js';
import { de } from '../../src/locales/de.js';
import { ptBR } from '../../src/locales/pt-BR.js';
import { zhCN } from '../../src/locales/zh-CN.js';
import { ar } from '../../src/locales/ar.js';
import { CandorConfigError } from '../../src/errors.js';

const base = { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses' };

describe('resolveTexts', () => {
  test('generates the consent text from the real endpoint host and ttlDays', () => {
    const { t } = resolveTexts(parseConfig({ ...base, ttlDays: 12 }), ['en-US']);
    expect(t.consentText).toContain('sent to collect.acme.test.');
    expect(t.consentText).toContain('at most 12 days');
    expect(t.consentText).toContain('your score, an optional comment, your language, the page path');
  });

  test('names the app or the site owner when answers do not go to a URL', () => {
    expect(resolveTexts(parseConfig({ survey: 's', transport: 'bridge' }), []).t.consentText).toContain(
      'sent to this app.',
    );
    const custom = parseConfig({ survey: 's', transport: async () => {} });
    expect(resolveTexts(custom, []).t.consentText).toContain('sent to the site owner.');
  });

  test('puts the brand into the question, or "us" without one', () => {
    expect(resolveTexts(parseConfig({ ...base, brand: 'Acme' }), []).t.question).toBe(
      'How likely are you to recommend Acme to a friend or colleague?',
    );
    expect(resolveTexts(parseConfig(base), []).t.question).toBe(
      'How likely are you to recommend us to a friend or colleague?',
    );
  });

  test('uses the configured question, follow-up prompts and consent text', () => {
    const { t } = resolveTexts(
      parseConfig({
        ...base,
        brand: 'Acme',
        question: 'Would you tell a friend about {brand}?',
        followUp: { detractor: 'What went wrong?' },
        consent: { text: 'Answers go to {host} and wait here {days} days.', version: '3' },
      }),
      [],
    );
    expect(t.question).toBe('Would you tell a friend about Acme?');
    expect(t.detractor).toBe('What went wrong?');
    expect(t.promoter).toBe(en.promoter);
    expect(t.consentText).toBe('Answers go to collect.acme.test and wait here 7 days.');
  });

  test('applies flat overrides, then the language table, then the exact tag', () => {
    const config = parseConfig({
      ...base,
      locale: 'pt-BR',
      strings: {
        next: 'Continue',
        send: 'Submit',
        pt: { next: 'Próximo', send: 'Enviar' },
        'pt-BR': { send: 'Mandar' },
      },
    });
    const texts = resolveTexts(config, []);
    expect(texts.lang).toBe('pt-BR');
    expect(texts.t.next).toBe('Próximo');
    expect(texts.t.send).toBe('Mandar');
  });

  test('locale "auto" takes the first browser language it has strings for, else English', () => {
    const config = parseConfig({ ...base, strings: { de: { next: 'Weiter' } } });
    expect(resolveTexts(config, ['fr-FR', 'de-CH', 'en']).lang).toBe('de-CH');
    expect(resolveTexts(config, ['fr-FR', 'de-CH', 'en']).t.next).toBe('Weiter');
    expect(resolveTexts(config, ['fr-FR']).lang).toBe('en');
  });

  test('sets the direction from the language', () => {
    const config = parseConfig({ ...base, locale: 'ar', strings: { ar: { next: 'التالي' } } });
    expect(resolveTexts(config, []).dir).toBe('rtl');
    expect(resolveTexts(parseConfig(base), ['en']).dir).toBe('ltr');
  });
});

describe('languages registered with registerLocale (the locale files)', () => {
  // The registry is per module instance: tables registered here stay for this file, like a page's.
  registerLocale('de', de);
  registerLocale('pt-BR', ptBR);
  registerLocale('zh-CN', zhCN);
  registerLocale('ar', ar);
  const texts = (config: Record<string, unknown>, languages: string[]) =>
    resolveTexts(parseConfig({ ...base, ...config }), languages);

  test('"auto" picks the first browser language with a table; other regions of a language use it', () => {
    expect(texts({}, ['fi-FI', 'de-AT', 'en']).lang).toBe('de-AT');
    expect(texts({}, ['fi-FI', 'de-AT', 'en']).t.yes).toBe(de.yes);
    expect(texts({}, ['pt-PT']).t.thanks).toBe(ptBR.thanks);
    expect(texts({}, ['zh']).t.thanks).toBe(zhCN.thanks);
    expect(texts({}, ['sv', 'fi']).lang).toBe('en');
  });

  test('traditional Chinese never gets the simplified table', () => {
    expect(texts({}, ['zh-TW']).t.thanks).toBe(en.thanks);
    expect(texts({}, ['zh-Hant-HK', 'de']).lang).toBe('de');
  });

  test('the site’s question and consent text win over a built-in table; per-language strings win over both', () => {
    const config = {
      brand: 'Acme',
      question: 'Would you recommend {brand}?',
      strings: { de: { question: 'Würden Sie {brand} empfehlen?' } },
    };
    expect(texts(config, ['de']).t.question).toBe('Würden Sie Acme empfehlen?');
    expect(texts(config, ['ar']).t.question).toBe('Would you recommend Acme?');
    expect(texts(config, ['ar']).t.yes).toBe(ar.yes);
    expect(texts(config, ['ar']).dir).toBe('rtl');
  });

  test('a table with a key that is not a UI string, or a value that is not text, is refused by name', () => {
    expect(() => registerLocale('xx', { qestion: 'x' } as never)).toThrow(CandorConfigError);
    expect(() => registerLocale('xx', { qestion: 'x' } as never)).toThrow(
      'locale "xx": qestion is not a UI string key',
    );
    expect(() => registerLocale('xx', { yes: 1 } as never)).toThrow(
      'locale "xx": yes is not a UI string key with a text value',
    );
    expect(texts({}, ['xx']).lang).toBe('en');
  });
});
