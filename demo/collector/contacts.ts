import { Hono } from 'hono';
import { UUID_V4 } from '../../src/lib/checkResponse.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { Storage } from './storage/types.js';

/**
 * The admin's routes for contacts (e-mail addresses left for a reply),
 * mounted under /v1/contacts behind `readAuth`, without CORS (only the
 * same-origin dashboard calls them), never cached:
 * - `GET /:id` shows the address and its answer's id (404 when unknown,
 *   deleted or expired);
 * - `DELETE /:id` deletes it at once, when the team has replied (204, also
 *   when unknown: deleting twice is not an error), and writes its tombstone,
 *   so that a batch sent again cannot store it again.
 * Each use is logged by contact id — personal data was seen or deleted, and
 * when — and never with the address.
 */
export function contactRoutes(storage: Storage, now: () => number, seen: { log: Logger; metrics?: Metrics }): Hono {
  const app = new Hono();

  app.use('/:id', async (c, next) => {
    const id = c.req.param('id');
    if (!UUID_V4.test(id)) return c.json({ error: `id: expected a lowercase UUID v4, got ${JSON.stringify(id)}` }, 400);
    return next();
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const contact = await storage.contact(id, new Date(now()));
    if (!contact) return c.json({ error: 'contact: none with this id (never stored, deleted, or expired)' }, 404);
    seen.log.info({ contact: id }, 'contact revealed');
    return c.json(contact);
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    if (await storage.deleteContact(id, new Date(now()))) {
      seen.metrics?.contactsDeleted('replied');
      seen.log.info({ contact: id, reason: 'replied' }, 'contact deleted');
    }
    return c.body(null, 204);
  });

  return app;
}
