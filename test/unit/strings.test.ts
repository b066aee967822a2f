import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { registerLocale, resolveTexts } from '../../src/strings.js';
import { en } from '../../src/locales/en.js';
import { de } from '../../src/locales/de.js';
import { ptBR } from '../../src/locales/pt-BR.js';
import { zhCN } from '../../src/locales/zh-CN.js';
import { ar } from '../../src/locales/ar.js';
import { pl } from '../../src/locales/pl.js';
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

describe('counts of days, in the form each language uses for that number (Intl.PluralRules)', () => {
  registerLocale('pl', pl);
  registerLocale('ar', ar);
  const texts = (locale: string, ttlDays: number, days: number) =>
    resolveTexts(
      parseConfig({
        survey: 'home',
        endpoint: 'https://collect.acme.test/v1/responses',
        locale,
        ttlDays,
        withdraw: { days },
        contact: { enabled: true, retentionDays: days },
      }),
      [],
    ).t;

  test('English: "1 day", never "1 days"; "7 days"', () => {
    expect(texts('en', 1, 1).consentText).toContain(
      'for at most 1 day. You can take your answer back from this device for 1 day after',
    );
    expect(texts('en', 7, 30).consentText).toContain('for at most 7 days.');
    expect(texts('en', 1, 1).contactText).toContain('or after 1 day at the latest.');
  });

  test('Polish: dzień / dni / dnia, and po 1 dniu / po 2 dniach / po 5 dniach', () => {
    expect(texts('pl', 1, 1).consentText).toContain('przez 1 dzień.');
    expect(texts('pl', 22, 22).consentText).toContain('przez 22 dni.');
    expect(texts('pl', 5, 5).consentText).toContain('przez 5 dni od jej wysłania');
    expect(texts('pl', 7, 1).contactText).toContain('po 1 dniu.');
    expect(texts('pl', 7, 2).contactText).toContain('po 2 dniach.');
    expect(texts('pl', 7, 5).contactText).toContain('po 5 dniach.');
  });

  test('Arabic: one, two, few (3–10), many (11–99)', () => {
    expect(texts('ar', 1, 2).consentText).toContain('مدة أقصاها يوم واحد.');
    expect(texts('ar', 2, 2).consentText).toContain('لمدة يومين بعد');
    expect(texts('ar', 7, 3).contactText).toContain('بعد 3 أيام');
    expect(texts('ar', 7, 30).contactText).toContain('بعد 30 يومًا');
  });

  test('a text of your own keeps {days} as the bare number, and plural forms can be overridden', () => {
    const config = parseConfig({
      survey: 'home',
      endpoint: 'https://collect.acme.test/v1/responses',
      ttlDays: 1,
      strings: {
        consentText: 'Kept {days} day(s) here.',
        contactText: '{contactDays}',
        contactDays_one: 'one whole day',
      },
      contact: { enabled: true, retentionDays: 1 },
    });
    const { t } = resolveTexts(config, []);
    expect(t.consentText).toBe('Kept 1 day(s) here.');
    expect(t.contactText).toBe('one whole day');
  });

  test('plural keys are UI string keys for strings and registerLocale; a made-up category is not', () => {
    expect(() => registerLocale('xx', { ttlDays_few: '{n} x' })).not.toThrow();
    expect(() => registerLocale('xx', { ttlDays_several: '{n} x' } as never)).toThrow(CandorConfigError);
    expect(() =>
      parseConfig({
        survey: 'home',
        endpoint: 'https://collect.acme.test/v1/responses',
        strings: { ttlDays_lots: 'x' },
      }),
    ).toThrow(/strings\.ttlDays_lots: unknown UI string key/);
  });
});
