// The wire format as a zod/mini schema, for servers: `candor-nps/schema`.
// src/response.ts and src/contact.ts are the source of truth for what each
// field means; the browser checks the same rules without zod
// (src/lib/checkResponse.ts), and a test generates thousands of records to
// prove that both accept the same ones.
import * as z from 'zod/mini';
import type { NpsContact } from './contact.js';
import { categoryOf } from './lib/category.js';
import { EMAIL, MAX_BATCH, MAX_CONTACT_DAYS } from './lib/checkResponse.js';
import { show } from './lib/validate.js';
import type { Batch, NpsResponse } from './response.js';

export { MAX_BATCH, MAX_BATCH_BYTES, MAX_RECORD_BYTES } from './lib/checkResponse.js';
export type { NpsContact };

// A lone surrogate cannot be encoded as UTF-8: the server would store U+FFFD
// instead of what was written, so free text must be well-formed.
const wellFormed = z.refine<string>((s) => !/\p{Cs}/u.test(s));
// No C0 control character (U+0000–U+001F) nor DEL (U+007F) in any text:
// PostgreSQL cannot store NUL, and the others are invisible in a dashboard or
// drive the terminal a CSV is read in. A comment keeps tab, LF and CR, which a
// person can type. (The widget strips the rest before storing an answer.)
const noControls = z.regex(/^[^\0-\x1f\x7f]*$/);
const commentControls = z.regex(/^[^\0-\b\v\f\x0e-\x1f\x7f]*$/);
const SEGMENT_KEY = /^[a-zA-Z]\w{0,31}$/;

/** What each field must be: the end of "expected …" in an error. */
const EXPECTED: Record<keyof NpsResponse, string> = {
  id: 'a lowercase UUID v4',
  survey: 'a survey id of 1–64 characters a-z, 0-9, _ or -',
  score: 'a whole number from 0 to 10',
  comment: 'a string of 1–1000 characters without control characters other than tab, LF and CR',
  category: 'the category of the score: promoter (9–10), passive (7–8) or detractor (0–6)',
  locale: 'a lower-case language code such as "pt"',
  page: 'a path starting with "/", at most 200 characters, without "?", "#" or control characters',
  device: '"mobile", "tablet" or "desktop"',
  at: 'a UTC hour such as "2026-11-22T22:00:00Z"',
  consentVersion: 'a string of 1–64 characters without control characters',
  segment:
    'at most 5 keys (a letter, then up to 31 letters, digits or _) with values of 1–64 letters, digits, spaces, _ . or -',
  sdk: 'a version such as "1.2.3", at most 32 characters, without control characters',
  proof: '64 lower-case hex characters (the SHA-256 of a deletion secret)',
};

/** What each field of a contact must be. */
const EXPECTED_CONTACT: Record<keyof NpsContact, string> = {
  id: EXPECTED.id,
  answerId: "the lowercase UUID v4 of the contact's answer",
  email:
    'an e-mail address of at most 254 characters: one @, a dot in the domain, no white space, control characters or any of <>()[]\\,;:"',
  at: EXPECTED.at,
  consentVersion: EXPECTED.consentVersion,
  retentionDays: `a whole number of days from 1 to ${MAX_CONTACT_DAYS}`,
};

const id = z.uuidv4().check(z.lowercase());
// Seconds precision, `Z` only; a real calendar date (leap years included).
const hour = z.iso.datetime({ precision: 0 }).check(z.endsWith(':00:00Z'));
const consentVersion = z.string().check(z.minLength(1), z.maxLength(64), wellFormed, noControls);

/**
 * One response (src/response.ts `NpsResponse`). Strict: the payload is an
 * allowlist, so an unknown field is an error, and the category must be the
 * one the score implies.
 */
export const responseSchema = z
  .strictObject({
    id,
    survey: z.string().check(z.regex(/^[a-z0-9_-]{1,64}$/)),
    score: z.int().check(z.minimum(0), z.maximum(10)),
    comment: z.optional(z.string().check(z.minLength(1), z.maxLength(1000), wellFormed, commentControls)),
    category: z.enum(['promoter', 'passive', 'detractor']),
    locale: z.string().check(z.regex(/^[a-z]{2,3}$/)),
    page: z.string().check(z.maxLength(200), z.startsWith('/'), z.regex(/^[^?#]*$/), wellFormed, noControls),
    device: z.enum(['mobile', 'tablet', 'desktop']),
    at: hour,
    consentVersion,
    segment: z.optional(
      z.pipe(
        // z.record silently drops a "__proto__" key (it would replace the
        // result's prototype), so count and vet the raw keys before it runs.
        z.custom<Record<string, string>>(
          (v) =>
            !v ||
            typeof v !== 'object' ||
            (Object.keys(v).length <= 5 && Object.keys(v).every((k) => SEGMENT_KEY.test(k))),
        ),
        z.record(z.string().check(z.regex(SEGMENT_KEY)), z.string().check(z.regex(/^[\w .-]{1,64}$/))),
      ),
    ),
    sdk: z.string().check(z.maxLength(32), z.regex(/^\d+\.\d+\.\d+/), wellFormed, noControls),
    proof: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
  })
  .check(z.refine((r) => r.category === categoryOf(r.score), { path: ['category'] }));

/**
 * One contact (src/contact.ts `NpsContact`): an e-mail address left for a
 * reply, a record of its own that names its answer. Strict like a response.
 */
export const contactSchema = z.strictObject({
  id,
  answerId: id,
  email: z.string().check(z.regex(EMAIL), wellFormed),
  at: hour,
  consentVersion,
  retentionDays: z.int().check(z.minimum(1), z.maximum(MAX_CONTACT_DAYS)),
});

/** How many records a batch holds: its responses and its contacts. */
const count = (b: { responses: unknown[]; contacts?: unknown[] | undefined }) =>
  b.responses.length + (b.contacts?.length ?? 0);

/**
 * The body POSTed to an endpoint: `{ v: 1, responses: […], contacts?: […] }`,
 * nothing else, with 1–50 records in all (`responses` may be empty when
 * contacts come after their answers were delivered).
 */
export const batchSchema = z
  .strictObject({
    v: z.literal(1),
    responses: z.array(responseSchema).check(z.maxLength(MAX_BATCH)),
    contacts: z.optional(z.array(contactSchema).check(z.maxLength(MAX_BATCH))),
  })
  .check(z.refine((b) => count(b) >= 1 && count(b) <= MAX_BATCH, { path: ['contacts'] }));

/** One response as `responseSchema` outputs it: the shape of `NpsResponse`. */
export type SchemaResponse = z.infer<typeof responseSchema>;
/** One contact as `contactSchema` outputs it: the shape of `NpsContact`. */
export type SchemaContact = z.infer<typeof contactSchema>;
/** A batch as `batchSchema` outputs it: the shape of `Batch` with its optional contacts. */
export type SchemaBatch = z.infer<typeof batchSchema>;

/**
 * What `parseBatch` returns: the batch, or one sentence naming the first bad
 * field (`field`, e.g. "score") and, for a record, its index in its list
 * (`responses` or `contacts`, as the sentence says) and its id — what a
 * collector answers with a 400, and the id the widget drops.
 */
export type ParseBatchResult =
  | { ok: true; batch: Batch & { contacts?: NpsContact[] } }
  | { ok: false; error: string; field?: string; id?: string; index?: number };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** "score: expected a whole number from 0 to 10, got 11", or "score: missing, expected …". */
const expected = (name: string, what: string, value: unknown, shown = show(value)) =>
  value === undefined ? `${name}: missing, expected ${what}` : `${name}: expected ${what}, got ${shown}`;

/**
 * Validates a parsed request body (`JSON.parse` of the text, which arrives as
 * `text/plain` or `application/json`). Check the body's byte length against
 * `MAX_BATCH_BYTES` before parsing it, and answer 413 past it.
 *
 * @example
 * const result = parseBatch(JSON.parse(body));
 * if (!result.ok) return reply(400, { error: result.error, field: result.field, id: result.id });
 */
export function parseBatch(input: unknown): ParseBatchResult {
  const parsed = batchSchema.safeParse(input);
  if (parsed.success) return { ok: true, batch: parsed.data };
  // zod reports every issue; the first one is enough to answer with.
  const issue = parsed.error.issues[0]!;
  const [top, index, key] = issue.path as [string?, unknown?, string?];
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;

  // The batch itself.
  if (typeof index !== 'number') {
    if (unknownKey !== undefined) return { ok: false, error: `${unknownKey}: unknown field`, field: unknownKey };
    if (!isObject(input)) return { ok: false, error: expected('batch', '{"v":1,"responses":[…]}', input) };
    const { contacts, responses } = input;
    if (top === 'v') return { ok: false, error: expected('v', '1', input.v), field: 'v' };
    // Without contacts, the batch and its sentences are what they were before contacts existed.
    if (contacts === undefined)
      return {
        ok: false,
        error: expected('responses', `an array of 1–${MAX_BATCH} responses`, responses),
        field: 'responses',
      };
    if (!Array.isArray(responses))
      return {
        ok: false,
        error: expected('responses', 'an array of responses (may be empty when there are contacts)', responses),
        field: 'responses',
      };
    if (!Array.isArray(contacts))
      return { ok: false, error: expected('contacts', 'an array of contacts', contacts), field: 'contacts' };
    return {
      ok: false,
      error: `contacts: expected responses and contacts to hold 1–${MAX_BATCH} records together, got ${responses.length + contacts.length}`,
      field: 'contacts',
    };
  }

  // One record: name it by list, index and, when it has a valid one, by id.
  const contact = top === 'contacts';
  const record = (input as Record<string, unknown[]>)[top!]![index];
  const at = `${top}[${index}]`;
  if (!isObject(record))
    return {
      ok: false,
      error: `${at}: expected a ${contact ? 'contact' : 'response'} object, got ${show(record)}`,
      index,
    };
  const valid = id.safeParse(record.id).success ? (record.id as string) : undefined;
  const where = valid ? `${at} (id ${valid})` : at;
  const field = unknownKey ?? key!;
  const what = (contact ? EXPECTED_CONTACT : EXPECTED)[field as never] as string;
  const value = record[field];
  // An address is personal: a refusal names its length, never its text (it may be logged or shown to a page).
  const shown =
    contact && typeof value === 'string' && field === 'email' ? `a string of ${value.length} characters` : undefined;
  const error = `${where}: ${unknownKey !== undefined ? `${field}: unknown field` : expected(field, what, value, shown)}`;
  return { ok: false, error, field, index, ...(valid && { id: valid }) };
}
