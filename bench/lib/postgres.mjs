// A throwaway PostgreSQL server for the collector benchmark, started the way
// test/collector/postgres.ts starts one for the tests: initdb into a temp
// directory, run it on a free loopback port, remove it all after. Debian's
// PostgreSQL refuses to run as root and no service manager runs here, so as
// root it runs as the `postgres` user.
//
// Unlike the tests' server, this one keeps PostgreSQL's default durability
// (fsync and synchronous_commit on): the collector answers 2xx only once an
// answer is stored, and SQLite (WAL, synchronous FULL by default) syncs each
// commit too, so both are measured as they would run in production.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The newest installed PostgreSQL's bin directory, or undefined. */
export function findPostgres() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'))[0];
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a server; `url` connects as the superuser to the `postgres` database.
 * @param {string} bin
 * @returns {Promise<{ url: string, version: string, stop(): Promise<void> }>}
 */
export async function startPostgres(bin) {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (asRoot) {
    const [uid, gid] = ['-u', '-g'].map((f) => Number(execFileSync('id', [f, 'postgres'], { encoding: 'utf8' })));
    chownSync(dir, uid, gid);
  }
  // --no-sync only skips syncing the freshly created files; the server itself syncs as usual.
  execFileSync(...as(join(bin, 'initdb'), ['-D', dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']), {
    stdio: 'pipe',
  });
  const port = await freePort();
  const server = spawn(
    ...as(join(bin, 'postgres'), ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1']),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  server.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => server.once('exit', () => resolve(undefined)));
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;

  const stop = async () => {
    // The postmaster's own pid (runuser may sit in between); SIGINT is its fast shutdown.
    const pidFile = join(dir, 'postmaster.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
    if (pid) process.kill(pid, 'SIGINT');
    else server.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(dir, { recursive: true, force: true });
  };

  for (const deadline = Date.now() + 30_000; ;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query('SHOW server_version');
      await client.end();
      return { url, version: rows[0].server_version, stop };
    } catch {
      await client.end().catch(() => {});
      if (server.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`PostgreSQL did not start (exit ${server.exitCode}):\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
