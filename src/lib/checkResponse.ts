import { categoryOf } from './category.js';

/**
 * Largest body of one record in bytes (UTF-8 JSON). The field rules already
 * keep a record under about 8 KB; the outbox checks this bound anyway, so no
 * future field can grow a record past what a batch holds. Defined here rather
 * than in `schema.ts` (which re-exports it) so browser code never imports zod.
 */
export const MAX_RECORD_BYTES = 32 * 1024;
/** Largest batch body in bytes (UTF-8 JSON): the outbox splits batches to stay under it. */
export const MAX_BATCH_BYTES = 48 * 1024;
/** Most responses in one batch. */
export const MAX_BATCH = 50;

/** A lower-case UUID v4, the form of every answer's `id` (also what the collector's routes take). */
export const UUID_V4 = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

/**
 * A contact's e-mail address: at most 254 characters (RFC 5321's limit on a
 * path, less its brackets), one `@`, a dot in the domain. Not RFC 5322, which
 * allows quoted local parts and comments no one types: white space (Unicode's
 * too), control characters and `<>()[]\,;:"` are refused, so an address can
 * never carry markup, a header or a second address into a mail client.
 */
export const EMAIL =
  /^(?=[^]{1,254}$)[^\s\0-\x1f\x7f@<>()[\]\\,;:"]+@[^\s\0-\x1f\x7f@<>()[\]\\,;:"]+\.[^\s\0-\x1f\x7f@<>()[\]\\,;:"]+$/;
/** Days a contact may be kept at most. */
export const MAX_CONTACT_DAYS = 90;

type Rule = (value: any, record: Record<string, unknown>) => unknown;
type Rules = Record<string, Rule | undefined>;

const plain = (v: unknown): v is Record<string, any> => !!v && typeof v == 'object' && !Array.isArray(v);

// A string matching `re` with no lone surrogate (one cannot be encoded as
// UTF-8, so the server would store U+FFFD instead of what was written).
const text =
  (re: RegExp, optional?: 1) =>
  (v: unknown): unknown =>
    v === undefined ? optional : typeof v == 'string' && re.test(v) && !/\p{Cs}/u.test(v);

const id = text(UUID_V4);
// Date rolls February 30 over to March 2 (or gives NaN), so a day that
// survives the parse is a real one; hour 24 rolls over too.
const hour: Rule = (v) => text(/^\d{4}-\d\d-\d\dT\d\d:00:00Z$/)(v) && new Date(v).getUTCDate() == v.slice(8, 10);
const consentVersion = text(/^[^\0-\x1f\x7f]{1,64}$/);

// The rules in wire order; `src/schema.ts` states the same rules in zod and a
// test generates thousands of records to prove the two agree. A null prototype
// makes `RULES[key]` undefined for every key that is not a field.
const RULES: Rules = {
  __proto__: null as never,
  id,
  survey: text(/^[a-z\d_-]{1,64}$/),
  score: (v) => Number.isInteger(v) && v >= 0 && v <= 10,
  // No C0 control character nor DEL in any text (a comment may keep tab, LF and CR):
  // PostgreSQL cannot store NUL, and the rest are invisible or drive terminals.
  comment: text(/^[^\0-\b\v\f\x0e-\x1f\x7f]{1,1000}$/, 1),
  category: (v, r) => v === categoryOf(r.score as number),
  locale: text(/^[a-z]{2,3}$/),
  page: text(/^\/[^?#\0-\x1f\x7f]{0,199}$/),
  device: text(/^(mobile|tablet|desktop)$/),
  at: hour,
  consentVersion,
  segment: (v) =>
    v === undefined ||
    (plain(v) &&
      Object.keys(v).length <= 5 &&
      Object.keys(v).every((k) => /^[a-zA-Z]\w{0,31}$/.test(k) && text(/^[\w .-]{1,64}$/)(v[k]))),
  sdk: text(/^(?=[^\0-\x1f\x7f]{0,32}$)\d+\.\d+\.\d+/),
  proof: text(/^[\da-f]{64}$/, 1),
};

// A contact (src/contact.ts), in wire order.
const CONTACT_RULES: Rules = {
  __proto__: null as never,
  id,
  answerId: id,
  email: text(EMAIL),
  at: hour,
  consentVersion,
  retentionDays: (v) => Number.isInteger(v) && v >= 1 && v <= MAX_CONTACT_DAYS,
};

/**
 * Checks one response against the wire format (src/response.ts) without zod,
 * which would cost 5–7 KB gzip in the browser bundle; servers use the zod
 * schema in `candor-nps/schema`, which accepts exactly the same records.
 * Returns `undefined` when the response is valid, else one sentence naming the
 * first bad field, e.g. `response.score: invalid`. `rules` and `name` are for
 * `checkContact` (defaults, not a second function, keep the script tag small).
 */
export function checkResponse(r: unknown, rules = RULES, name = 'response'): string | undefined {
  if (!plain(r)) return `${name}: expected an object`;
  // Fields in wire order first, then any key that is not a field.
  for (const key of Object.keys({ ...rules, ...r })) {
    const rule = rules[key];
    if (!rule?.(r[key], r))
      return `${name}.${key}: ${rule ? (r[key] === undefined ? 'missing' : 'invalid') : 'unknown field'}`;
  }
}

/**
 * Checks one contact (src/contact.ts) as `checkResponse` checks a response,
 * accepting exactly what `contactSchema` accepts: `undefined` when valid, else
 * e.g. `contact.email: invalid` (never the address itself).
 */
export const checkContact = (c: unknown): string | undefined => checkResponse(c, CONTACT_RULES, 'contact');
