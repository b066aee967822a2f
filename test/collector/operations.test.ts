// Running the collector for real: liveness and readiness, on SQLite and PostgreSQL.
import { afterEach, describe, expect, test } from 'vitest';
import { createCollector } from '../../demo/collector/app.js';
import { backends, type Opened } from './backends.js';
import { ADMIN_TOKEN } from './harness.js';

describe.each(backends)('$name', (backend) => {
  let opened: Opened | undefined;
  afterEach(async () => {
    await opened?.cleanup().catch(() => {});
    opened = undefined;
  });

  test.skipIf(backend.skip)(
    'GET /healthz answers 200 while the process runs; GET /readyz 200 while the database answers, 503 once it does not',
    async () => {
      opened = await backend.open();
      const app = createCollector({ storage: opened.storage, adminToken: ADMIN_TOKEN, addressOf: () => '203.0.113.7' });
      const get = (path: string) => app.request(`http://localhost${path}`);
      expect((await get('/healthz')).status).toBe(200);
      const ready = await get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.headers.get('cache-control')).toBe('no-store');
      await opened.storage.close(); // the database is gone from under the collector
      expect((await get('/healthz')).status).toBe(200);
      const gone = await get('/readyz');
      expect(gone.status).toBe(503);
      expect(await gone.json()).toEqual({ ready: false, error: 'the database does not answer' });
    },
  );
});
