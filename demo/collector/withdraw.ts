import { createHash } from 'node:crypto';
import type { Handler } from 'hono';
import { UUID_V4 } from '../../src/lib/checkResponse.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { Storage } from './storage/types.js';

const SECRET = /^[\da-f]{64}$/;

/** Largest body of a withdrawal: `{"v":1,"secret":"<64 hex>"}` and some room. */
export const MAX_WITHDRAW_BYTES = 1024;

/**
 * `DELETE /v1/responses/:id` with `{ "v": 1, "secret": "<64 hex>" }` (text/plain
 * or JSON, after `checkContentType` and the body limit): the device that gave
 * the answer takes it back, and the contact left with it goes too (one
 * transaction). The secret's SHA-256 must equal the `proof` the answer was
 * stored with. 204 when deleted, and also when there is no such answer (never
 * arrived, or withdrawn already: the device may retry, and an id alone must
 * not tell anyone whether an answer exists); 403 when the secret does not
 * match; 400 for a bad id or body.
 *
 * Both 204s leave a tombstone holding the id and the proof (and one for the
 * deleted contact's id), kept 31 days (`TOMBSTONE_DAYS`): the answer,
 * delivered again or only now (the DELETE overtook it), is acknowledged and
 * not stored. Only a copy with that proof is kept out, so an unknown id
 * withdrawn without its secret blocks nothing; a 403 writes nothing.
 */
export function withdraw(storage: Storage, now: () => number, seen: { log: Logger; metrics?: Metrics }): Handler {
  return async (c) => {
    const id = c.req.param('id') ?? '';
    if (!UUID_V4.test(id)) return c.json({ error: `id: expected a lowercase UUID v4, got ${JSON.stringify(id)}` }, 400);
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return c.json({ error: 'body: expected {"v":1,"secret":"…"} as JSON' }, 400);
    }
    const { v, secret } = (body ?? {}) as { v?: unknown; secret?: unknown };
    if (v !== 1) return c.json({ error: 'v: expected 1' }, 400);
    if (typeof secret !== 'string' || !SECRET.test(secret))
      return c.json({ error: 'secret: expected 64 lower-case hex characters' }, 400);
    const proof = createHash('sha256').update(secret).digest('hex');
    try {
      // An unknown id gets a tombstone for any well-formed request, so hostile DELETEs can add rows: one
      // per request at most (about 290 bytes with its indexes, measured on both databases), within the
      // per-client rate limit (a counter of its own, as strict as posting's: at the default 60 a minute,
      // 25 MB a day per client at most), each deleted by retention after 31 days. Far less than the same
      // requests could store by posting answers instead: up to 50 a request, kept a year by default.
      const { outcome, contact } = await storage.withdraw(id, proof, new Date(now()));
      if (outcome === 'refused')
        return c.json({ error: 'secret: does not match this answer; nothing was deleted' }, 403);
      if (outcome === 'deleted') seen.metrics?.withdrawn();
      if (contact) seen.metrics?.contactsDeleted('withdrawn');
      return c.body(null, 204);
    } catch (error) {
      seen.log.error({ err: (error as Error).message }, 'withdrawing an answer failed');
      c.header('Retry-After', '30');
      return c.json({ error: 'storage: unavailable, try again later' }, 503);
    }
  };
}
