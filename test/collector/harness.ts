// The collector in-process (hono's app.request: no port), on an in-memory
// SQLite database, with every insert recorded so a test can tell "nothing
// stored" from "stored nothing new".
import { createCollector, type CollectorOptions } from '../../demo/collector/app.js';
import { openSqlite } from '../../demo/collector/storage/sqlite.js';
import type { Storage } from '../../demo/collector/storage/types.js';
import { storedIds } from './fixtures.js';

export const TEXT = { 'content-type': 'text/plain;charset=UTF-8' };

/** The admin token of a harness's collector unless a test gives another. */
export const ADMIN_TOKEN = 'harness-admin-token-0123456789abcdef';

/** The JSON body of an answer, loosely typed for assertions. */
export const json = (res: Response): Promise<any> => res.json();

/** The `error` sentence of a JSON answer. */
export const errorOf = async (res: Response): Promise<string> => ((await res.json()) as { error: string }).error;

export function harness(options: Partial<CollectorOptions> = {}) {
  const storage = openSqlite(':memory:');
  const inserts: number[] = [];
  const spy: Storage = {
    ...storage,
    insert: (rows, at, contacts) => (inserts.push(rows.length), storage.insert(rows, at, contacts)),
  };
  // A public address unless a test says otherwise.
  const app = createCollector({ storage: spy, adminToken: ADMIN_TOKEN, addressOf: () => '203.0.113.7', ...options });
  return {
    app,
    storage,
    /** Batch sizes passed to `insert`, in order. */
    inserts,
    post: (body: string | Uint8Array | Blob, headers: Record<string, string> = TEXT) =>
      app.request('http://localhost/v1/responses', { method: 'POST', body, headers }),
    get: (path: string, headers: Record<string, string> = {}) => app.request(`http://localhost${path}`, { headers }),
    /** A GET with the admin token. */
    read: (path: string, headers: Record<string, string> = {}) =>
      app.request(`http://localhost${path}`, {
        headers: { authorization: `Bearer ${options.adminToken ?? ADMIN_TOKEN}`, ...headers },
      }),
    /** True when no insert ran and no row is there. */
    nothingStored: async () => inserts.length === 0 && (await storedIds(storage)).length === 0,
    close: () => storage.close(),
  };
}
