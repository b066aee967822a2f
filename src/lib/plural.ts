/** UI strings that count days, each with plural forms under suffixed keys (`ttlDays_one`, `ttlDays_few`…). */
export const PLURAL_STRINGS = ['ttlDays', 'withdrawDays', 'contactDays'] as const;
/** The CLDR plural categories `Intl.PluralRules` selects among. */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
/** A plural form's key, e.g. `contactDays_few`. */
export type PluralKey = `${(typeof PLURAL_STRINGS)[number]}_${(typeof PLURAL_CATEGORIES)[number]}`;

/** Whether `key` names a plural form of a counting string. */
export const isPluralKey = (key: string): key is PluralKey =>
  /^(ttlDays|withdrawDays|contactDays)_(zero|one|two|few|many|other)$/.test(key);

const rules = new Map<string, Intl.PluralRules>();

/**
 * The form of `key` that language `lang` uses for `n` (`Intl.PluralRules`),
 * with `{n}` filled: "1 day", "5 dni", "يومين". Falls back to the `other`
 * form when the table has no form for the category.
 */
export function plural(table: Partial<Record<string, string>>, key: string, lang: string, n: number): string {
  let category = 'other';
  try {
    // One PluralRules per language: constructing one is the costly part (measured on the prompt's first render).
    if (!rules.has(lang)) rules.set(lang, new Intl.PluralRules(lang));
    category = rules.get(lang)!.select(n);
  } catch {
    // An unknown tag: the `other` form.
  }
  const form = table[`${key}_${category}`] ?? table[`${key}_other`] ?? '{n}';
  return form.replace('{n}', String(n));
}
