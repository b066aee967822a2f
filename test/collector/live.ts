// A real collector for a test: started from environment variables on a free
// loopback port, storing in SQLite or PostgreSQL, driven over HTTP with fetch.
import { Writable } from 'node:stream';
import { startCollector, type RunningCollector, type StartOptions } from '../../demo/collector/start.js';
import type { Backend } from './backends.js';
import { TEXT } from './harness.js';

/** An admin token long enough for the collector to accept it. */
export const TOKEN = 'test-token-0123456789abcdef0123456789abcdef';

export interface Live {
  running: RunningCollector;
  url: string;
  /** Where the answers are: the SQLite file or the PostgreSQL URL. */
  where: string;
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** A read with the admin token. */
  read(path: string, headers?: Record<string, string>): Promise<Response>;
  /** DELETE /v1/responses/:id: takes the answer `id` back with its deletion `secret`. */
  withdraw(id: string, secret: string, headers?: Record<string, string>): Promise<Response>;
  /** One line of the Prometheus text, e.g. `candor_contacts_stored_total 2`. */
  metric(name: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Starts a collector on `backend` with `env` on top of a free port, loopback host and `TOKEN`. */
export async function live(
  backend: Backend,
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<Live> {
  const place = await backend.place();
  let running: RunningCollector;
  try {
    // Logs go nowhere unless the test asks for them (a stream in `options.logTo`).
    running = await startCollector(
      { PORT: '0', HOST: '127.0.0.1', CANDOR_ADMIN_TOKEN: TOKEN, ...place.env, ...env },
      { logTo: new Writable({ write: (_chunk, _encoding, done) => done() }), ...options },
    );
  } catch (error) {
    await place.cleanup();
    throw error;
  }
  const url = running.url;
  let closed: Promise<void> | undefined;
  const read = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}`, ...headers } });
  return {
    running,
    url,
    where: place.where,
    post: (body, headers = {}) =>
      fetch(`${url}/v1/responses`, { method: 'POST', body, headers: { ...TEXT, ...headers } }),
    get: (path, headers = {}) => fetch(`${url}${path}`, { headers }),
    read,
    withdraw: (id, secret, headers = {}) =>
      fetch(`${url}/v1/responses/${id}`, {
        method: 'DELETE',
        headers: { ...TEXT, ...headers },
        body: JSON.stringify({ v: 1, secret }),
      }),
    metric: async (name) =>
      (await (await read('/metrics')).text())
        .split('\n')
        .find((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`)),
    close: () => (closed ??= running.close().then(() => place.cleanup())),
  };
}
