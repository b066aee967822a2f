// The wire format as a zod/mini schema, for servers: `candor-nps/schema`.
// src/response.ts is the source of truth for what each field means; the
// browser checks the same rules without zod (src/lib/checkResponse.ts), and a
// test generates thousands of records to prove that both accept the same ones.
import * as z from 'zod/mini';
import { categoryOf } from './lib/category.js';
import { MAX_BATCH } from './lib/checkResponse.js';
import { show } from './lib/validate.js';
import type { Batch, NpsResponse } from './response.js';

export { MAX_BATCH, MAX_BATCH_BYTES, MAX_RECORD_BYTES } from './lib/checkResponse.js';

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

/**
 * One response (src/response.ts `NpsResponse`). Strict: the payload is an
 * allowlist, so an unknown field is an error, and the category must be the
 * one the score implies.
 */
export const responseSchema = z
  .strictObject({
    id: z.uuidv4().check(z.lowercase()),
    survey: z.string().check(z.regex(/^[a-z0-9_-]{1,64}$/)),
    score: z.int().check(z.minimum(0), z.maximum(10)),
    comment: z.optional(z.string().check(z.minLength(1), z.maxLength(1000), wellFormed, commentControls)),
    category: z.enum(['promoter', 'passive', 'detractor']),
    locale: z.string().check(z.regex(/^[a-z]{2,3}$/)),
    page: z.string().check(z.maxLength(200), z.startsWith('/'), z.regex(/^[^?#]*$/), wellFormed, noControls),
    device: z.enum(['mobile', 'tablet', 'desktop']),
    // Seconds precision, `Z` only; a real calendar date (leap years included).
    at: z.iso.datetime({ precision: 0 }).check(z.endsWith(':00:00Z')),
    consentVersion: z.string().check(z.minLength(1), z.maxLength(64), wellFormed, noControls),
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

/** The body POSTed to an endpoint: `{ v: 1, responses: [1–50 responses] }`, nothing else. */
export const batchSchema = z.strictObject({
  v: z.literal(1),
  responses: z.array(responseSchema).check(z.minLength(1), z.maxLength(MAX_BATCH)),
});

/** One response as `responseSchema` outputs it: the shape of `NpsResponse`. */
export type SchemaResponse = z.infer<typeof responseSchema>;
/** A batch as `batchSchema` outputs it: the shape of `Batch`. */
export type SchemaBatch = z.infer<typeof batchSchema>;

/**
 * What `parseBatch` returns: the batch, or one sentence naming the first bad
 * field (`field`, e.g. "score") and, for a record, its index and id — what a
 * collector answers with a 400.
 */
export type ParseBatchResult =
  { ok: true; batch: Batch } | { ok: false; error: string; field?: string; id?: string; index?: number };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** "score: expected a whole number from 0 to 10, got 11", or "score: missing, expected …". */
const expected = (name: string, what: string, value: unknown) =>
  value === undefined ? `${name}: missing, expected ${what}` : `${name}: expected ${what}, got ${show(value)}`;

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
    const what = top === 'v' ? '1' : `an array of 1–${MAX_BATCH} responses`;
    return { ok: false, error: expected(top!, what, input[top!]), field: top! };
  }

  // One record: name it by index and, when it has a valid one, by id.
  const record = (input as { responses: unknown[] }).responses[index];
  const at = `responses[${index}]`;
  if (!isObject(record)) return { ok: false, error: `${at}: expected a response object, got ${show(record)}`, index };
  const id = responseSchema.shape.id.safeParse(record.id).success ? (record.id as string) : undefined;
  const where = id ? `${at} (id ${id})` : at;
  const field = unknownKey ?? (key as keyof NpsResponse);
  const error =
    unknownKey !== undefined
      ? `${where}: ${field}: unknown field`
      : `${where}: ${expected(field, EXPECTED[field as keyof NpsResponse], record[field])}`;
  return { ok: false, error, field, index, ...(id && { id }) };
}
