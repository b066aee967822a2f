import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

// A W3C WebDriver classic client in a few lines of `fetch`: enough for
// WebKitWebDriver, which speaks nothing else (no BiDi).

/** The keys of the JSON objects that stand for elements and shadow roots. */
export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const SHADOW = 'shadow-6066-11e4-a52e-4f735466cecf';

/** An error the driver answered with, e.g. `no such element`. */
export class WebDriverError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the driver to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Sends one command; resolves with its `value`, rejects with a
 * `WebDriverError` or after `timeout` ms (a driver can hang silently, e.g. a
 * WebKit session without an X display).
 */
export async function call<T = unknown>(
  base: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  timeout = 60_000,
): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    signal: AbortSignal.timeout(timeout),
  }).catch((error: Error) => {
    throw new Error(
      `WebDriver ${method} ${path}: ${error.name === 'TimeoutError' ? `no answer in ${timeout} ms` : error}`,
    );
  });
  const json = (await res.json()) as { value: T & { error?: string; message?: string } };
  if (json.value?.error) {
    throw new WebDriverError(
      json.value.error,
      `WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`,
    );
  }
  return json.value;
}

/** A running driver process and its base URL. */
export interface Driver {
  url: string;
  process: ChildProcess;
}

/** Starts `binary --port=N` with `env` and resolves once `GET /status` answers ready. */
export async function startDriver(binary: string, env: NodeJS.ProcessEnv, timeout = 10_000): Promise<Driver> {
  const port = await freePort();
  const child = spawn(binary, [`--port=${port}`], { env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + timeout;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${binary} exited with ${child.exitCode}`);
    const ready = await call<{ ready: boolean }>(url, 'GET', '/status', undefined, 1000).then(
      (status) => status.ready,
      () => false,
    );
    if (ready) return { url, process: child };
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${binary} did not answer on port ${port} within ${timeout} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
