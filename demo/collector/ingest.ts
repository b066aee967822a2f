import type { Handler, MiddlewareHandler } from 'hono';
import { parseBatch } from '../../src/schema.js';
import type { Capped } from './dailyCap.js';
import type { Storage } from './storage/types.js';

/** Largest request body in bytes; the widget's batches stay under 48 KB. */
export const MAX_BODY_BYTES = 64 * 1024;

// Strips a BOM; broken UTF-8 is an error instead of U+FFFD silently stored in a comment.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Why a content type is refused, or undefined for text/plain and application/json in UTF-8. */
function contentTypeError(header: string | undefined): string | undefined {
  const [type = '', ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (type !== 'text/plain' && type !== 'application/json')
    return `content-type: expected text/plain or application/json, got ${header === undefined ? 'none' : JSON.stringify(header)}`;
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    return `content-type: expected charset UTF-8, got ${JSON.stringify(charset)}`;
  return undefined;
}

/**
 * 415 unless the body is text/plain (what the widget and beacons send: no
 * preflight) or application/json, in UTF-8. Runs before the body is read.
 */
export const checkContentType: MiddlewareHandler = async (c, next) => {
  const error = contentTypeError(c.req.header('content-type'));
  return error ? c.json({ error }, 415) : next();
};

/**
 * `POST /v1/responses`, after `checkContentType` and the body limit: checks
 * the body against the shared wire schema (`candor-nps/schema`, imported from
 * its source), refuses surveys outside the allowlist, and stores. Nothing is stored unless the whole batch is valid and
 * accepted, so the widget's 400 handling (split the batch, drop only the
 * record named by `id`) finds the bad record. Duplicate ids answer 200 too:
 * "stored" to the widget means "the server has it". A survey over its daily
 * cap (`capped`) refuses the whole batch with 429 until 00:00 UTC.
 */
export function ingest(
  storage: Storage,
  surveys: ReadonlySet<string> | undefined,
  now: () => number,
  capped: (surveys: Iterable<string>) => Promise<Capped | undefined> = async () => undefined,
): Handler {
  return async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(utf8.decode(await c.req.arrayBuffer()));
    } catch (error) {
      const what = error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'not valid UTF-8';
      return c.json({ error: `body: ${what}` }, 400);
    }

    const result = parseBatch(body);
    if (!result.ok) {
      const { error, field, id, index } = result;
      return c.json(
        { error, ...(field !== undefined && { field }), ...(id && { id }), ...(index !== undefined && { index }) },
        400,
      );
    }

    const refused = surveys && result.batch.responses.find((r) => !surveys.has(r.survey));
    if (refused)
      return c.json(
        { error: `survey: "${refused.survey}" is not accepted here (CANDOR_SURVEYS)`, id: refused.id },
        403,
      );

    try {
      const full = await capped(result.batch.responses.map((r) => r.survey));
      if (full) {
        c.header('Retry-After', String(full.retryAfter));
        return c.json(
          {
            error: `survey: "${full.survey}" has its ${full.cap} answers for today (CANDOR_SURVEY_DAILY_CAP), retry after 00:00 UTC`,
          },
          429,
        );
      }
      const { stored, duplicates } = await storage.insert(result.batch.responses, new Date(now()));
      return c.json({ stored, duplicates }, 200);
    } catch (error) {
      // Only the database's message: never the request, its address or its headers.
      console.error(`Candor collector: storing a batch failed: ${(error as Error).message}`);
      c.header('Retry-After', '30');
      return c.json({ error: 'storage: unavailable, try again later' }, 503);
    }
  };
}
