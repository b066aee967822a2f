import type { Config } from './config.js';
import { en, type Strings } from './locales/en.js';
import { fill } from './lib/fill.js';
import { isRtl } from './lib/isRtl.js';
import { CandorConfigError } from './errors.js';
import { isPluralKey, plural } from './lib/plural.js';

/** The strings a prompt shows, in one language, with placeholders filled. */
export interface Texts {
  /** BCP 47 tag the prompt is shown in (as requested, e.g. "pt-BR"). */
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Strings;
}

// Tables by lower-case language tag: English is built in; the others are added with
// `registerLocale` (npm) or a locale file (script tag), so nobody pays for languages unused.
const TABLES: Record<string, Partial<Strings>> = { en };

const base = (tag: string) => tag.toLowerCase().split('-')[0]!;

/**
 * Adds a language: `registerLocale('de', de)` with a table from
 * `candor-nps/locales/de` (or your own). Keys missing from a table fall back
 * to English. Throws `CandorConfigError` naming a key that is not a UI string.
 */
export function registerLocale(tag: string, table: Partial<Strings>): void {
  for (const [key, value] of Object.entries(table ?? {})) {
    if (!(key in en || isPluralKey(key)) || typeof value !== 'string')
      throw new CandorConfigError(`locale "${tag}": ${key} is not a UI string key with a text value`, key);
  }
  TABLES[String(tag).toLowerCase()] = table;
}

/** The table for a tag: the tag, its language, or another region of it (never simplified for traditional Chinese). */
function tableFor(tag: string): Partial<Strings> | undefined {
  const lower = tag.toLowerCase();
  const lang = base(lower);
  if (TABLES[lower]) return TABLES[lower];
  if (lang === 'zh' && /-(tw|hk|mo|hant)\b/.test(lower)) return undefined;
  return TABLES[lang] ?? Object.entries(TABLES).find(([k]) => base(k) === lang)?.[1];
}

/**
 * Resolves the language and every UI string for a config. `languages` is
 * `navigator.languages` (passed in, so this stays pure and testable).
 * Precedence, lowest first: English, the built-in table of the language,
 * `question`/`brand`/`followUp`/`consent.text`, flat `strings`, then
 * `strings[language]` and `strings[tag]`.
 */
export function resolveTexts(config: Config, languages: readonly string[]): Texts {
  const overrides = config.strings ?? {};
  const perLocale = (tag: string) => {
    const found = Object.entries(overrides).find(
      ([k, v]) => typeof v === 'object' && k.toLowerCase() === tag.toLowerCase(),
    );
    return found ? (found[1] as Partial<Strings>) : undefined;
  };
  const wanted = config.locale === 'auto' ? languages : [config.locale];
  const lang = wanted.find((tag) => tableFor(tag) || perLocale(tag) || perLocale(base(tag))) ?? 'en';

  const flat: Partial<Strings> = {};
  for (const [k, v] of Object.entries(overrides)) if (typeof v === 'string') flat[k as keyof Strings] = v;
  const fromConfig: Partial<Strings> = {};
  if (config.brand) fromConfig.brand = config.brand;
  if (config.question) fromConfig.question = config.question;
  if (config.consent.text) fromConfig.consentText = config.consent.text;
  if (typeof config.followUp === 'object') Object.assign(fromConfig, config.followUp);

  const t: Strings = {
    ...en,
    ...tableFor(lang),
    ...fromConfig,
    ...flat,
    ...perLocale(base(lang)),
    ...perLocale(lang),
  };
  const transport = config.transport;
  const host =
    transport === 'bridge' ? t.hostApp : typeof transport === 'function' ? t.hostOwner : new URL(config.endpoint!).host;
  // Counts in words, in the form the language uses for that number ({days} stays the bare number).
  const days = (key: string, n: number) => ({ days: n, [key]: plural(t, key, lang, n) });
  t.question = fill(t.question, { brand: t.brand });
  t.consentText = fill(t.consentText, { host, brand: t.brand, ...days('ttlDays', config.ttlDays) });
  t.contactText = fill(t.contactText, { host, ...days('contactDays', config.contact?.retentionDays ?? 30) });
  // Only the generated text: a site's own consent text says what it says.
  if (config.withdraw && !config.consent.text)
    t.consentText += ' ' + fill(t.consentWithdraw, days('withdrawDays', config.withdraw.days));
  return { lang, dir: isRtl(lang) ? 'rtl' : 'ltr', t };
}
