import { CandorConfigError } from './errors.js';
import { isAllowedUrl } from './lib/isAllowedUrl.js';
import { closest } from './lib/closest.js';
import { isPluralKey } from './lib/plural.js';
import { either, is, join, list, object, oneOf, optional, record, valid, withDefault } from './lib/validate.js';
import type { Check, Infer } from './lib/validate.js';
import { en } from './locales/en.js';
import { MAX_CONTACT_DAYS } from './lib/checkResponse.js';
import type { ConfigInput, CustomTransport } from './configInput.js';

const HTTPS = 'an https URL (http only for localhost)';
const LOCALE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
const CORNERS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'full-page'] as const;
const STRING_KEYS = Object.keys(en);

const text = (max: number) =>
  is<string>('string', `a string of 1–${max} characters`, (v) => v.length > 0 && v.length <= max);
const pattern = (what: string, re: RegExp) => is<string>('string', what, (v) => re.test(v));
const bool = () => is<boolean>('boolean', 'true or false');
const num = (what: string, min: number, max: number, whole = true) =>
  is<number>('number', what, (v) => v >= min && v <= max && (!whole || Number.isInteger(v)));
const int = (min: number, max: number) => num(`a whole number from ${min} to ${max}`, min, max);
const url = () => is<string>('string', HTTPS, isAllowedUrl);
const color = () => pattern('a CSS colour such as "#0b57d0" or "rgb(11 87 208)"', /^[#\w(),.%\s/+-]{1,64}$/);
const paths = () =>
  optional(
    list(
      pattern('a path starting with "/" (* matches any run of characters)', /^\/\S{0,199}$/),
      'an array of paths such as ["/app", "/docs/*"]',
    ),
  );
const uiKey: Check<string> = (key, path, issues) => {
  if (!STRING_KEYS.includes(key as string) && !isPluralKey(key as string)) {
    const hint = closest(key as string, STRING_KEYS);
    issues.push(`${path}: unknown UI string key${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
  return key as string;
};

/** UI string overrides: flat (`{ question }`) or per locale (`{ de: { question } }`). */
const strings: Check<Record<string, string | Record<string, string>>> = (value, path, issues) => {
  const table = record(
    (key) => key as string,
    either(text(2000), record(uiKey, text(2000), ''), 'a string, or an object of strings for one language'),
    'an object of UI strings, flat or per language ({ de: { question: "…" } })',
  )(value, path, issues);
  for (const [key, v] of Object.entries(table)) {
    if (typeof v === 'string') uiKey(key, join(path, key), issues);
    else if (!LOCALE.test(key))
      issues.push(`${join(path, key)}: expected a language tag such as "de" before a table of strings`);
  }
  return table;
};

/** Cohort values for every answer (never identifiers): `config.segment` and `setSegment()`. */
const segment = record(
  pattern('a key of letters, digits or _ (at most 32)', /^[a-zA-Z]\w{0,31}$/),
  pattern('up to 64 letters, digits, spaces, _ . or -', /^[\w .-]{1,64}$/),
  'an object of up to 5 cohort values, e.g. { plan: "pro" }',
  5,
);

const schema = object(
  {
    survey: pattern('a survey id of 1–64 characters a-z, 0-9, _ or -', /^[a-z0-9_-]{1,64}$/),
    endpoint: optional(url()),
    brand: optional(text(80)),
    question: optional(text(300)),
    followUp: withDefault(
      either(
        bool(),
        object({ promoter: optional(text(300)), passive: optional(text(300)), detractor: optional(text(300)) }),
        'true, false or { promoter?, passive?, detractor? } prompts',
      ),
      true,
    ),
    consent: withDefault(
      object({ text: optional(text(2000)), policyUrl: optional(url()), version: withDefault(text(64), '1') }),
      {},
    ),
    locale: withDefault(
      pattern('"auto" or a language tag such as "de" or "pt-BR"', new RegExp(`^auto$|${LOCALE.source}`)),
      'auto',
    ),
    strings: optional(strings),
    theme: withDefault(
      object({
        accent: optional(color()),
        background: optional(color()),
        text: optional(color()),
        radius: optional(int(0, 48)),
        font: optional(pattern('a CSS font-family list', /^[\w\s"',.-]{1,200}$/)),
        dark: withDefault(oneOf(['auto', true, false] as const, '"auto", true or false'), 'auto'),
      }),
      {},
    ),
    position: withDefault(
      either(
        oneOf(CORNERS, ''),
        object({ inline: text(200) }, ''),
        `${CORNERS.map((c) => `"${c}"`).join(', ')} or { inline: "#selector" }`,
      ),
      'bottom-right',
    ),
    nonce: optional(pattern('the CSP nonce of this page', /^[\w+/=-]{1,200}$/)),
    rules: withDefault(
      object({
        auto: withDefault(bool(), true),
        delayMs: withDefault(int(0, 3_600_000), 0),
        minPageViews: withDefault(int(0, 1000), 0),
        urlIncludes: paths(),
        urlExcludes: paths(),
        sample: withDefault(num('a number from 0 to 1', 0, 1, false), 1),
        resurveyDays: withDefault(int(0, 3650), 90),
        dismissDays: withDefault(int(0, 3650), 30),
        respectGpc: withDefault(bool(), true),
        storeThrottle: withDefault(bool(), true),
      }),
      {},
    ),
    preview: withDefault(bool(), false),
    transport: withDefault(
      valid<'fetch' | 'bridge' | CustomTransport>(
        '"fetch", "bridge" or an async function (batch) => void',
        (v) => v === 'fetch' || v === 'bridge' || typeof v === 'function',
      ),
      'fetch',
    ),
    ttlDays: withDefault(int(1, 30), 7),
    contact: optional(
      object(
        {
          enabled: withDefault(bool(), false),
          retentionDays: withDefault(int(1, MAX_CONTACT_DAYS), 30),
          version: withDefault(text(64), '1'),
        },
        'an object such as { enabled: true, retentionDays: 30 }',
      ),
    ),
    withdraw: optional(object({ days: withDefault(int(1, 90), 30) }, 'an object such as { days: 30 }')),
    segment: optional(segment),
    debug: withDefault(bool(), false),
  },
  'a config object such as { survey: "home", endpoint: "https://…" }',
);

/** A validated configuration, with every default filled in. */
export type Config = Infer<typeof schema>;
export type { ConfigInput };

/**
 * Validates a configuration once, where it enters. Returns a typed `Config`
 * with defaults, or throws one `CandorConfigError` naming every bad key.
 */
export function parseConfig(input: ConfigInput | unknown): Config {
  const issues: string[] = [];
  const config = schema(input, '', issues);
  if (config.transport === 'fetch' && !config.endpoint && !issues.some((i) => i.startsWith('endpoint:'))) {
    issues.push(`endpoint: missing, expected ${HTTPS}; required unless transport is "bridge" or a function`);
  }
  const fn = config.transport;
  if (config.withdraw && typeof fn === 'function' && typeof (fn as { withdraw?: unknown }).withdraw !== 'function') {
    issues.push(
      'withdraw: the transport function has no withdraw(ids) method, so answers it delivered could not be taken back; add transport.withdraw or leave withdraw out',
    );
  }
  if (config.contact?.enabled && typeof fn === 'function') {
    issues.push('contact: needs transport "fetch" or "bridge" (a contact travels in the batch, next to the answers)');
  }
  if (issues.length) throw new CandorConfigError(issues.join('; '), issues[0]!.split(': ')[0]!);
  return config;
}

/**
 * Validates a segment for `setSegment()` like the config's `segment`
 * (`undefined` or `null` clears it); throws `CandorConfigError`.
 */
export function parseSegment(input: unknown): Config['segment'] {
  if (input === undefined || input === null) return undefined;
  const issues: string[] = [];
  let value: Config['segment'];
  try {
    // A plain object only: a Map, a Date or an object whose values sit on its prototype would read as {}.
    const proto = typeof input === 'object' ? Object.getPrototypeOf(input) : Object.prototype;
    if (proto === Object.prototype || proto === null) value = segment(input, 'segment', issues);
    else issues.push('segment: expected a plain object of up to 5 cohort values, e.g. { plan: "pro" }');
  } catch (error) {
    issues.push(`segment: could not be read (${(error as Error)?.message ?? error})`);
  }
  if (issues.length) throw new CandorConfigError(issues.join('; '), issues[0]!.split(': ')[0]!);
  return value;
}
