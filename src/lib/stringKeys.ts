// The keys of the English table (src/locales/en.ts), in its order, without the texts: the script-tag
// loader checks configs (which `strings` keys exist) but draws nothing, so its build gives the config
// check this list instead of the table (rollup.config.mjs). test/unit/locales.test.ts keeps the two equal.
export const STRING_KEYS =
  'label consentTitle consentText ttlDays_one ttlDays_other hostApp hostOwner policy yes no question brand low high next close promoter passive detractor commentHint counter send skip thanks thanksText failed failedText withdraw withdrawn withdrawFailed consentWithdraw withdrawDays_one withdrawDays_other contactTitle contactText contactDays_one contactDays_other contactLabel contactInvalid'.split(
    ' ',
  );
