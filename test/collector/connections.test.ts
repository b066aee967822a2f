// Connections a slow or greedy client holds open: cut off within seconds
// (headers, body, idle keep-alive), capped overall and per peer address,
// while a normal client is still served. Real collector, raw TCP sockets.
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, expect, test, vi } from 'vitest';
import type { StartOptions } from '../../demo/collector/start.js';
import { sqlite } from './backends.js';
import { live, type Live } from './live.js';

let c: Live | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await c?.close();
  c = undefined;
});

const start = async (env: Record<string, string>, options?: StartOptions) => (c = await live(sqlite, env, options));

/** A raw TCP connection to the collector, from `localAddress` (any of 127.0.0.0/8 on Linux). */
function open(localAddress = '127.0.0.1'): Promise<Socket> {
  const { port } = c!.running;
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.on('error', () => {}); // a reset by the server is what some tests expect
    socket.once('error', reject);
    sockets.push(socket);
  });
}

/** Resolves with the elapsed ms when the server closes `socket`, or with Infinity after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    if (socket.destroyed || socket.readableEnded) return resolve(0);
    const timer = setTimeout(() => resolve(Infinity), ms);
    const done = () => (clearTimeout(timer), resolve(Date.now() - started));
    socket.once('end', done);
    socket.once('close', done);
    // A paused socket may never see the server's FIN ('end' needs the stream read): flow it.
    socket.resume();
  });
}

/** Writes `text` one byte every `everyMs` until the socket closes. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]!);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

/** Sends GET /healthz on `socket` and resolves with the status line of the answer. */
function ask(socket: Socket, connection = 'keep-alive'): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (seen.includes('\r\n\r\n')) (socket.off('data', onData), resolve(seen.split('\r\n')[0]!));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`closed before an answer (${JSON.stringify(seen)})`)));
    socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: ${connection}\r\n\r\n`);
  });
}

/** A normal client, from `localAddress`: GET /healthz over a fresh connection; resolves with the status. */
function healthz(localAddress = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: c!.running.port, path: '/healthz', localAddress, agent: false },
      (res) => (res.resume(), resolve(res.statusCode!)),
    );
    req.on('error', reject);
    req.end();
  });
}

const FEW_SECONDS = 6000;

test('a client trickling its headers is cut off within a few seconds, while a normal client is served', async () => {
  await start({ CANDOR_HEADERS_TIMEOUT_MS: '1000', CANDOR_REQUEST_TIMEOUT_MS: '2000' });
  const slow = await open();
  trickle(slow, 'POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ' + 'a'.repeat(10_000), 100);
  const closed = closedWithin(slow, FEW_SECONDS);
  expect(await healthz('127.0.0.2')).toBe(200);
  expect(await closed).toBeLessThan(FEW_SECONDS);
});

test('a client trickling a 64 KB body is cut off within a few seconds, while a normal client is served', async () => {
  await start({ CANDOR_HEADERS_TIMEOUT_MS: '1000', CANDOR_REQUEST_TIMEOUT_MS: '2000' });
  const slow = await open();
  slow.write(
    'POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 65536\r\n\r\n{',
  );
  trickle(slow, '"'.repeat(65_535), 100);
  const closed = closedWithin(slow, FEW_SECONDS);
  expect(await healthz('127.0.0.2')).toBe(200);
  expect(await closed).toBeLessThan(FEW_SECONDS);
});

test('a connection left idle after a keep-alive answer is closed after CANDOR_KEEPALIVE_TIMEOUT_MS', async () => {
  // 500 ms: well under Node's own default of 5 s, so the setting is what closes it.
  await start({ CANDOR_KEEPALIVE_TIMEOUT_MS: '500' });
  const idle = await open();
  expect(await ask(idle)).toBe('HTTP/1.1 200 OK');
  expect(await closedWithin(idle, 3000)).toBeLessThan(3000);
});

test('a connection that never sends a byte is closed after the headers timeout', async () => {
  await start({ CANDOR_HEADERS_TIMEOUT_MS: '1000', CANDOR_REQUEST_TIMEOUT_MS: '2000' });
  const silent = await open();
  expect(await closedWithin(silent, FEW_SECONDS)).toBeLessThan(FEW_SECONDS);
});

test('one address gets at most CANDOR_MAX_CONNECTIONS_PER_PEER connections; other addresses are served', async () => {
  await start({ CANDOR_MAX_CONNECTIONS_PER_PEER: '3' });
  const held = [await open(), await open(), await open()];
  const extra = await open();
  expect(await closedWithin(extra, FEW_SECONDS)).toBeLessThan(FEW_SECONDS);
  expect(await healthz('127.0.0.2')).toBe(200);
  // The held ones still work, and a freed place is taken again.
  expect(await ask(held[0]!)).toBe('HTTP/1.1 200 OK');
  held[1]!.destroy();
  // The server notices the close a moment after the client: ask until it has.
  await vi.waitFor(async () => expect(await ask(await open())).toBe('HTTP/1.1 200 OK'), { timeout: FEW_SECONDS });
});

test('the per-peer cap does not apply to an exempt peer (a trusted reverse proxy)', async () => {
  await start({ CANDOR_MAX_CONNECTIONS_PER_PEER: '2' }, { exempt: (peer) => peer.endsWith('127.0.0.1') });
  const proxied = [await open(), await open(), await open(), await open()];
  for (const socket of proxied) expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
});

test('a proxy named in CANDOR_TRUST_PROXY is not capped per peer (it carries many clients); others are', async () => {
  await start({ CANDOR_MAX_CONNECTIONS_PER_PEER: '2', CANDOR_TRUST_PROXY: '127.0.0.1' });
  const proxied = [await open(), await open(), await open(), await open()];
  for (const socket of proxied) expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
  const other = [await open('127.0.0.2'), await open('127.0.0.2')];
  const extra = await open('127.0.0.2');
  expect(await closedWithin(extra, FEW_SECONDS)).toBeLessThan(FEW_SECONDS);
  expect(await ask(other[0]!)).toBe('HTTP/1.1 200 OK');
});

test('all addresses together get at most CANDOR_MAX_CONNECTIONS connections', async () => {
  await start({ CANDOR_MAX_CONNECTIONS: '3', CANDOR_MAX_CONNECTIONS_PER_PEER: '10' });
  const held = [await open('127.0.0.1'), await open('127.0.0.2'), await open('127.0.0.3')];
  const extra = await open('127.0.0.4');
  expect(await closedWithin(extra, FEW_SECONDS)).toBeLessThan(FEW_SECONDS);
  for (const socket of held) expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
  held[2]!.destroy();
  await vi.waitFor(async () => expect(await healthz('127.0.0.4')).toBe(200), { timeout: FEW_SECONDS });
});
