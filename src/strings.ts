import type { Config } from './config.js';
import { en, type Strings } from './locales/en.js';
import { fill } from './lib/fill.js';
import { isRtl } from './lib/isRtl.js';

/** The strings a prompt shows, in one language, with placeholders filled. */
export interface Texts {
  /** BCP 47 tag the prompt is shown in (as requested, e.g. "pt-BR"). */
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Strings;
}

// Built-in tables by language. Issue #7 adds the other locales.
const TABLES: Record<string, Strings> = { en };

const base = (tag: string) => tag.toLowerCase().split('-')[0]!;

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
  const lang = wanted.find((tag) => TABLES[base(tag)] || perLocale(tag) || perLocale(base(tag))) ?? 'en';

  const flat: Partial<Strings> = {};
  for (const [k, v] of Object.entries(overrides)) if (typeof v === 'string') flat[k as keyof Strings] = v;
  const fromConfig: Partial<Strings> = {};
  if (config.brand) fromConfig.brand = config.brand;
  if (config.question) fromConfig.question = config.question;
  if (config.consent.text) fromConfig.consentText = config.consent.text;
  if (typeof config.followUp === 'object') Object.assign(fromConfig, config.followUp);

  const t: Strings = {
    ...en,
    ...TABLES[base(lang)],
    ...fromConfig,
    ...flat,
    ...perLocale(base(lang)),
    ...perLocale(lang),
  };
  const transport = config.transport;
  const host =
    transport === 'bridge' ? t.hostApp : typeof transport === 'function' ? t.hostOwner : new URL(config.endpoint!).host;
  t.question = fill(t.question, { brand: t.brand });
  t.consentText = fill(t.consentText, { host, days: config.ttlDays, brand: t.brand });
  return { lang, dir: isRtl(lang) ? 'rtl' : 'ltr', t };
}
