import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The reference collector (`node demo/collector/dist/demo/collector/cli.js`, after `npm run
 * build`) as a child process on a free loopback port and its own SQLite file,
 * configured by environment variables as a site owner would (README "Collector").
 */
export async function referenceCollector(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'candor-ref-'));
  const db = join(dir, 'candor.db');
  const child: ChildProcess = spawn(process.execPath, ['demo/collector/dist/demo/collector/cli.js'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', CANDOR_DB: db },
    stdio: 'pipe',
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk) && out.includes('Ctrl-C stops') && resolve());
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`the collector exited with ${code}: ${out}`)));
  });
  const url = /listening on (\S+) /.exec(out)![1]!;
  return {
    url,
    endpoint: `${url}/v1/responses`,
    /** The stored answers' ids, read from the SQLite file. */
    ids(): string[] {
      const sqlite = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return (sqlite.prepare('SELECT id FROM responses').all() as { id: string }[]).map((r) => r.id);
      } finally {
        sqlite.close();
      }
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
