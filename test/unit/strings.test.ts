import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { resolveTexts } from '../../src/strings.js';
import { en } from '../../src/locales/en.js';

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
