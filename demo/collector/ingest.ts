import type { Handler, MiddlewareHandler } from 'hono';
import { parseBatch } from '../../src/schema.js';
import { findCulprit } from './culprit.js';
import { createLog, type Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { Refusal } from './admission.js';
import { scrub } from './scrub.js';
import { dbErrorKind } from './storage/dbError.js';
import { NoSuchAnswer, type NpsResponse, type Storage } from './storage/types.js';

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
 * Where in a batch the database refuses a record for its data, or undefined
 * (none alone, or the database failed otherwise while looking: then the
 * batch is retried later, like any database failure).
 */
async function refusedRecord(storage: Storage, rows: readonly NpsResponse[], at: Date): Promise<number | undefined> {
  try {
    return await findCulprit(rows, (part) =>
      storage.dryRun(part, at).then(
        () => false,
        (error) => {
          if (dbErrorKind(error) === 'data') return true;
          throw error;
        },
      ),
    );
  } catch {
    return undefined;
  }
}

/**
 * `POST /v1/responses`, after `checkContentType` and the body limit: checks
 * the body against the shared wire schema (`candor-nps/schema`, imported from
 * its source), refuses surveys outside the allowlist, scrubs each record as
 * the widget does (`scrub`: comment redacted, page ids replaced, an
 * impossible `at` replaced by the arrival hour), and stores. Nothing is
 * stored unless the whole batch is valid, accepted and stored in one
 * transaction, so the widget's 400 handling (split the batch, drop only the
 * record named by `id`) finds the bad record: a record the database itself
 * refuses (a constraint, a value a column cannot hold) is found and named
 * too. A database that is busy or unreachable answers 503 with Retry-After,
 * never 400. Duplicate ids answer 200 too: "stored" to the widget means "the
 * server has it". A batch over the global quota, or holding a survey over its
 * daily cap (`admit`), is refused whole with 429 and Retry-After.
 *
 * The batch's `contacts` are stored apart (the contacts table), in the same
 * transaction, as they came: an address is meant to be personal, so it is not
 * redacted (the schema has refused control characters in it). A contact whose
 * answer is neither in the batch nor stored is named in a 400 (the widget
 * drops it) and nothing of the batch is stored; one sent again, or a second
 * one for the same answer, counts as stored and changes nothing.
 *
 * Delivery is at-least-once, so what was deleted may arrive again: a late
 * beacon, a batch resent because its acknowledgement was lost, or an answer
 * whose withdrawal overtook it. In the same transaction as the insert, an
 * answer named by a tombstone with its proof (withdrawn), a contact named by
 * one (deleted), and a contact whose answer was withdrawn are left out and
 * answered as duplicates — stored, as far as the widget is concerned, so it
 * stops sending them — and counted in `candor_deleted_resent_total`.
 */
export function ingest(
  storage: Storage,
  surveys: ReadonlySet<string> | undefined,
  now: () => number,
  admit: (surveys: Iterable<string>) => Promise<Refusal | undefined> = async () => undefined,
  seen: { log: Logger; metrics?: Metrics } = { log: createLog('silent') },
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

    const arrival = now();
    const rows = result.batch.responses.map((r) => scrub(r, arrival));
    const contacts = result.batch.contacts ?? [];
    const at = new Date(arrival);
    try {
      const refusal = await admit(result.batch.responses.map((r) => r.survey));
      if (refusal) {
        c.header('Retry-After', String(refusal.retryAfter));
        return c.json({ error: refusal.error }, 429);
      }
      const { stored, duplicates, contacts: kept, resent } = await storage.insert(rows, at, contacts);
      seen.metrics?.answers({ stored, duplicates });
      if (kept) seen.metrics?.contactsStored(kept.stored);
      if (resent) seen.metrics?.resent(resent);
      return c.json({ stored, duplicates, ...(kept && { contacts: kept }) }, 200);
    } catch (error) {
      if (error instanceof NoSuchAnswer) {
        const { index } = error;
        const { id } = contacts[index]!;
        return c.json(
          {
            error: `contacts[${index}] (id ${id}): answerId: no such answer; nothing of the batch was stored`,
            field: 'answerId',
            id,
            index,
          },
          400,
        );
      }
      const kind = dbErrorKind(error);
      const index = kind === 'data' ? await refusedRecord(storage, rows, at) : undefined;
      // Only the database's message and the record's id: never the request's
      // content, its address or its headers.
      const { message } = error as Error;
      if (index !== undefined) {
        const { id } = rows[index]!;
        seen.log.warn({ id, err: message }, 'the database refused a record');
        return c.json(
          {
            error: `responses[${index}] (id ${id}): refused by the database (a constraint or an invalid value); it was not stored`,
            id,
            index,
          },
          400,
        );
      }
      seen.log.error({ kind, err: message }, 'storing a batch failed');
      c.header('Retry-After', '30');
      return c.json({ error: 'storage: unavailable, try again later' }, 503);
    }
  };
}
