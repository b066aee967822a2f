import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { en, type Strings } from '../../src/locales/en.js';
import { ar } from '../../src/locales/ar.js';
import { de } from '../../src/locales/de.js';
import { es } from '../../src/locales/es.js';
import { fr } from '../../src/locales/fr.js';
import { he } from '../../src/locales/he.js';
import { hi } from '../../src/locales/hi.js';
import { it as itIT } from '../../src/locales/it.js';
import { ja } from '../../src/locales/ja.js';
import { nl } from '../../src/locales/nl.js';
import { pl } from '../../src/locales/pl.js';
import { ptBR } from '../../src/locales/pt-BR.js';
import { zhCN } from '../../src/locales/zh-CN.js';
import { fill } from '../../src/lib/fill.js';
import { isPluralKey, plural, PLURAL_STRINGS, type PluralKey } from '../../src/lib/plural.js';
import { STRING_KEYS } from '../../src/lib/stringKeys.js';

/** Every translated table, by file name (without `.ts`). A new locale file must be added here. */
const LOCALES: Record<string, Strings> = {
  ar,
  de,
  es,
  fr,
  he,
  hi,
  it: itIT,
  ja,
  nl,
  pl,
  'pt-BR': ptBR,
  'zh-CN': zhCN,
};
const RTL = new Set(['ar', 'he']);
/** Keys that are full sentences: an untranslated copy of English would be a bug. */
const SENTENCES: Exclude<keyof Strings, PluralKey>[] = ['consentText', 'question', 'thanks', 'commentHint'];

/** Every key of en but the plural forms (a language has the forms its own plural rules select). */
const keys = Object.keys(en).filter((k) => !isPluralKey(k)) as Exclude<keyof Strings, PluralKey>[];
const placeholders = (s: string) => (s.match(/\{[^{}]*\}/g) ?? []).sort();

test("the config check's key list is the English table's keys, in order", () => {
  expect(STRING_KEYS).toEqual(Object.keys(en));
});

describe('locale registry', () => {
  test('every file in src/locales is covered by this test', () => {
    // Not `new URL('…', import.meta.url)`: Vite rewrites that pattern into an asset URL.
    const dir = join(dirname(fileURLToPath(import.meta.url)), '../../src/locales');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .filter((f) => f !== 'en')
      .sort();
    expect(files).toEqual(Object.keys(LOCALES).sort());
  });

  test('at least 12 locales besides English', () => {
    expect(Object.keys(LOCALES).length).toBeGreaterThanOrEqual(12);
  });
});

describe.each(Object.entries(LOCALES))('locale %s', (tag, table) => {
  test('has every key of en, in the same order, and no stray key', () => {
    expect(Object.keys(table).filter((k) => !isPluralKey(k))).toEqual(keys);
  });

  test('counts days in exactly the plural forms its language selects (Intl.PluralRules), each with {n} at most', () => {
    const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories.slice().sort();
    for (const key of PLURAL_STRINGS) {
      const forms = Object.keys(table)
        .filter((k) => k.startsWith(`${key}_`))
        .map((k) => k.slice(key.length + 1))
        .sort();
      expect(forms, key).toEqual(categories);
      for (const category of forms) {
        const form = table[`${key}_${category}` as keyof Strings]!;
        expect(
          placeholders(form).filter((p) => p !== '{n}'),
          `${key}_${category}`,
        ).toEqual([]);
        expect(form, `${key}_${category}`).toBe(form.trim());
      }
    }
  });

  test('every value is a non-empty, trimmed string', () => {
    for (const key of keys) {
      const value = table[key];
      expect(typeof value, key).toBe('string');
      expect(value.trim(), key).not.toBe('');
      expect(value, key).toBe(value.trim());
    }
  });

  test('every value has exactly the placeholders of the English one', () => {
    for (const key of keys) expect(placeholders(table[key]), key).toEqual(placeholders(en[key]));
  });

  test('full sentences are really translated', () => {
    for (const key of SENTENCES) expect(table[key], key).not.toBe(en[key]);
  });

  test('numbers stay ASCII digits', () => {
    // Arabic-Indic, Extended Arabic-Indic, Devanagari and full-width digits.
    for (const key of keys)
      expect(table[key], key).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\uFF10-\uFF19]/);
  });

  test('the question reads with the fallback brand and with a product name', () => {
    for (const brand of [table.brand, 'Acme Notes']) {
      const question = fill(table.question, { brand });
      expect(question).toContain(brand);
      expect(question).not.toMatch(/[{}]/);
    }
  });

  test('the consent text fills with every kind of host', () => {
    for (const host of [table.hostApp, table.hostOwner, 'collect.acme.test']) {
      const text = fill(table.consentText, { host, days: 7, ttlDays: plural(table, 'ttlDays', tag, 7) });
      expect(text).toContain(host);
      expect(text).toContain('7');
      expect(text).not.toMatch(/[{}]/);
    }
  });

  test(RTL.has(tag) ? 'is written right to left' : 'is written left to right', () => {
    const rtlChars = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
    for (const key of keys) {
      if (RTL.has(tag)) expect(table[key], key).toMatch(rtlChars);
      else expect(table[key], key).not.toMatch(rtlChars);
    }
  });
});
