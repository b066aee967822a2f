import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from './rateLimit.js';

/** How long a client may take, and how many connections it may hold (all in ms or counts). */
export interface ConnectionLimits {
  /** CANDOR_HEADERS_TIMEOUT_MS: from the connection (or the previous answer) to the end of the headers. */
  headersTimeoutMs: number;
  /** CANDOR_REQUEST_TIMEOUT_MS: from the start of a request to the last byte of its body. */
  requestTimeoutMs: number;
  /** CANDOR_KEEPALIVE_TIMEOUT_MS: how long a connection may sit idle after an answer. */
  keepAliveTimeoutMs: number;
  /** CANDOR_MAX_CONNECTIONS: open connections, all peers together (0 = no cap). */
  maxConnections: number;
  /** CANDOR_MAX_CONNECTIONS_PER_PEER: open connections from one peer address (0 = no cap). */
  maxConnectionsPerPeer: number;
}

/** The limits when no environment variable sets them. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  // Headers are a few hundred bytes: 5 s is generous even on a poor mobile link.
  headersTimeoutMs: 5_000,
  // 64 KB (the largest body) in 10 s needs about 52 kbit/s; the widget itself gives up after 15 s.
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
  // Many people behind one NAT or carrier-grade NAT share an address, and each holds a
  // keep-alive connection for a few seconds after posting: room for them, not for a flood.
  maxConnectionsPerPeer: 32,
};

/**
 * The timeouts as options of `http.createServer`. Node checks the headers and
 * request timeouts only every `connectionsCheckingInterval` (30 s by default,
 * which would let a slow client stay 30 s past its deadline), so it is set to
 * at most a second, or half the shorter timeout.
 */
export function serverOptions(limits: ConnectionLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(
      50,
      Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 2)),
    ),
  };
}

/**
 * Caps the open connections of `server`, overall and per peer address: one
 * over a cap is closed at once, before a byte of it is read (a client sees the
 * connection reset and retries later, as after any network error). A
 * connection that sends no request within the headers timeout is closed too:
 * Node's own headers timeout starts only with a request's first byte, so a
 * silent connection would otherwise stay open for good. `exempt`
 * peers — your own reverse proxies, which carry many clients on their
 * connections — are not capped per peer, only overall. A peer is counted
 * under the rate limiter's key (an IPv6 /64 is one peer; an HMAC, so no
 * address is kept, even in memory), and only while it has connections open.
 */
export function guardConnections(
  server: Server,
  limits: ConnectionLimits,
  exempt: (peerAddress: string) => boolean = () => false,
): { readonly open: number } {
  const salt = randomBytes(32);
  const perPeer = new Map<string, number>();
  let open = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    // Already gone (reset while queued): nothing to count.
    if (address === undefined) return void socket.destroy();
    const peer = limits.maxConnectionsPerPeer > 0 && !exempt(address) ? clientKey(address, salt) : undefined;
    const mine = peer === undefined ? 0 : (perPeer.get(peer) ?? 0);
    if (
      (limits.maxConnections > 0 && open >= limits.maxConnections) ||
      (peer !== undefined && mine >= limits.maxConnectionsPerPeer)
    )
      return void socket.destroy();
    open++;
    if (peer !== undefined) perPeer.set(peer, mine + 1);
    // Node's socket timeout handler destroys the socket; the first request clears it (below),
    // and after each answer Node sets the keep-alive timeout on it.
    socket.setTimeout(limits.headersTimeoutMs);
    socket.once('close', () => {
      open--;
      if (peer === undefined) return;
      const left = perPeer.get(peer)! - 1;
      if (left) perPeer.set(peer, left);
      else perPeer.delete(peer);
    });
  });
  server.on('request', (req: IncomingMessage) => req.socket.setTimeout(0));
  return {
    get open() {
      return open;
    },
  };
}
