/** Config keys whose `data-` attribute holds a number. */
const NUMBERS = [
  'ttlDays',
  'rules.delayMs',
  'rules.minPageViews',
  'rules.sample',
  'rules.resurveyDays',
  'rules.dismissDays',
  'theme.radius',
];
/** Keys whose attribute holds true/false (`theme.dark` also takes "auto"). */
const BOOLEANS = [
  'followUp',
  'preview',
  'debug',
  'rules.auto',
  'rules.respectGpc',
  'rules.storeThrottle',
  'theme.dark',
];
/** Keys whose attribute holds a comma-separated list. */
const LISTS = ['rules.urlIncludes', 'rules.urlExcludes'];
const NESTED = /^(rules|theme|consent)([A-Z].*)$/;

/**
 * The config written as `data-` attributes on the script tag:
 * `data-survey`, `data-endpoint`, `data-follow-up="false"`,
 * `data-rules-delay-ms="3000"`, `data-theme-accent="#0b57d0"`,
 * `data-consent-policy-url="…"`. Values are typed by key; anything the
 * config does not know is passed on so `parseConfig` names it.
 */
export function fromAttributes(dataset: DOMStringMap): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(dataset)) {
    if (raw === undefined) continue;
    const nested = NESTED.exec(name);
    const key = nested ? `${nested[1]}.${nested[2]![0]!.toLowerCase()}${nested[2]!.slice(1)}` : name;
    let value: unknown = raw;
    if (NUMBERS.includes(key) && raw.trim() !== '' && !isNaN(+raw)) value = +raw;
    else if (BOOLEANS.includes(key) && (raw === 'true' || raw === 'false' || raw === '')) value = raw !== 'false';
    else if (LISTS.includes(key))
      value = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    if (nested) ((config[nested[1]!] ??= {}) as Record<string, unknown>)[key.slice(nested[1]!.length + 1)] = value;
    else config[key] = value;
  }
  return config;
}
