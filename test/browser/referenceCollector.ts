import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The admin token the tests' reference collectors read with. */
export const REF_TOKEN = 'reference-collector-test-token-0123456789';

/**
 * The reference collector (`node demo/collector/dist/demo/collector/cli.js`, after `npm run
 * build`) as a child process on a free loopback port and its own SQLite file
 * (or the PostgreSQL database of `DATABASE_URL` in `env`), configured by
 * environment variables as a site owner would (docs/collector.md).
 * `restart()` stops it and starts it again on the same port and database.
 */
export async function referenceCollector(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'candor-ref-'));
  const db = join(dir, 'candor.db');
  let child: ChildProcess | undefined;

  async function start(port: string) {
    const running = spawn(process.execPath, ['demo/collector/dist/demo/collector/cli.js'], {
      env: { CANDOR_ADMIN_TOKEN: REF_TOKEN, ...process.env, ...env, PORT: port, HOST: '127.0.0.1', CANDOR_DB: db },
      stdio: 'pipe',
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      running.stdout!.on('data', (chunk: Buffer) => (out += chunk) && out.includes('Ctrl-C stops') && resolve());
      running.stderr!.on('data', (chunk: Buffer) => (out += chunk));
      running.on('exit', (code) => reject(new Error(`the collector exited with ${code}: ${out}`)));
    });
    child = running;
    return /listening on (\S+) /.exec(out)![1]!;
  }
  async function stop() {
    if (!child) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    child = undefined;
  }

  /** The first column of a query on the SQLite file. */
  const column = (sql: string): string[] => {
    const sqlite = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return sqlite.prepare(sql).pluck().all() as string[];
    } finally {
      sqlite.close();
    }
  };

  const url = await start('0');
  return {
    url,
    endpoint: `${url}/v1/responses`,
    /** The stored answers' ids, read from the SQLite file. */
    ids: () => column('SELECT id FROM responses'),
    /** The stored contacts' addresses, read from the SQLite file. */
    emails: () => column('SELECT email FROM contacts'),
    /** The ids of a survey's stored answers, read over HTTP with the admin token (any backend). */
    async stored(survey: string): Promise<string[]> {
      const res = await fetch(`${url}/v1/surveys/${survey}/responses.csv`, {
        headers: { authorization: `Bearer ${REF_TOKEN}` },
      });
      if (!res.ok) throw new Error(`responses.csv answered ${res.status}`);
      return (await res.text())
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]!.replace(/"/g, ''))
        .filter(Boolean);
    },
    /** The collector goes away (connection refused), then comes back. */
    stop,
    restart: () => start(new URL(url).port),
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
