import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { keptToken, tokenFileFor, VIEWER, viewerTokenFileFor } from './adminToken.js';
import { createCollector } from './app.js';
import { readConfig } from './config.js';
import { guardConnections, serverOptions } from './connections.js';
import { isTrustedPeer } from './proxies.js';
import { createLog, type DestinationStream } from './log.js';
import { createMetrics } from './metrics.js';
import { startRetention } from './retention.js';
import { startWebhooks, type Webhooks } from './webhooks/dispatcher.js';
import { DEFAULT_DB_FILE, openStorage } from './storage/open.js';
import type { Storage } from './storage/types.js';

/** A running collector. */
export interface RunningCollector {
  /** e.g. http://localhost:8787 */
  url: string;
  port: number;
  /**
   * The dashboard's address; when the collector made the admin token itself,
   * with the token in the fragment (`#token=…`), which browsers never send to
   * a server and the page moves to sessionStorage at once.
   */
  dashboard: string;
  /** The file holding the admin token when the collector made it (SQLite without CANDOR_ADMIN_TOKEN). */
  tokenFile?: string | undefined;
  /** The dashboard's address for the team, with the viewer token when the collector made it; none when viewers are off. */
  viewerDashboard?: string | undefined;
  /** The file holding the viewer token when the collector made it (SQLite without CANDOR_VIEWER_TOKEN). */
  viewerTokenFile?: string | undefined;
  app: Hono;
  storage: Storage;
  /** The webhook's sender, when CANDOR_WEBHOOK_URL is set: `tick()` looks at its queue now. */
  webhooks?: Webhooks | undefined;
  /** Stops taking requests, lets those in flight finish (≤ 5 s), then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Adds routes before the server listens (e.g. the dashboard or the demo site). */
  routes?: (app: Hono) => void;
  /** Where the JSON log lines go (default: stdout), e.g. a stream in tests. */
  logTo?: DestinationStream;
  /** Close cleanly on SIGINT/SIGTERM, then exit (the CLI sets it). */
  handleSignals?: boolean;
  /**
   * Peers (socket addresses, as Node reports them) that the per-peer connection
   * cap does not apply to (default: the trusted proxies of CANDOR_TRUST_PROXY).
   */
  exempt?: (peerAddress: string) => boolean;
  /** The clock (ms since the epoch), for tests; the real one by default. */
  now?: () => number;
  /** Between looks at the webhook queue (default 5 s); tests call `webhooks.tick()` instead. */
  webhookEveryMs?: number;
}

/**
 * Starts the collector from environment variables (see `readConfig`): opens
 * the database, runs retention once, listens. Throws one clear error when the
 * config, the database or the port is unusable (the database is closed again).
 */
export async function startCollector(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: StartOptions = {},
): Promise<RunningCollector> {
  const config = readConfig(env);
  const storage = await openStorage(config.storage);
  let { adminToken, viewerToken } = config;
  let tokenFile: string | undefined;
  let viewerTokenFile: string | undefined;
  // Made only with SQLite (readConfig requires an admin token with DATABASE_URL; there, no viewer
  // token means viewers off): one instance, one data directory.
  const dbFile = config.storage.file ?? DEFAULT_DB_FILE;
  try {
    if (adminToken === undefined) adminToken = keptToken((tokenFile = tokenFileFor(dbFile)));
    if (viewerToken === undefined && config.storage.databaseUrl === undefined)
      viewerToken = keptToken((viewerTokenFile = viewerTokenFileFor(dbFile)), VIEWER);
    // The kept file and the variable could hold the same token: then every viewer would be an admin.
    if (viewerToken !== undefined && viewerToken === adminToken)
      throw new Error('CANDOR_VIEWER_TOKEN: the viewer token is the admin token; give the team a token of its own');
  } catch (error) {
    await storage.close();
    throw error;
  }
  const log = createLog(config.logLevel, options.logTo);
  if (config.trustProxy.hops > 0 && !/^(localhost|127\.\d+\.\d+\.\d+|::1)$/.test(config.host))
    log.warn(
      `CANDOR_TRUST_PROXY=${config.trustProxy.hops} believes X-Forwarded-For from every peer, and no peer is capped per address: ` +
        `HOST=${config.host} must be reachable only through your proxies (or list their addresses instead)`,
    );
  // One registry for the app and the retention job, which counts the contacts it deletes.
  const metrics = createMetrics();
  const retention = startRetention(storage, config.retentionDays, options.now, log, metrics);
  // Aborted on close: stops the collector's own timers (the rate limiter's sweep).
  const stopping = new AbortController();
  const app = createCollector({
    ...config,
    adminToken,
    viewerToken,
    storage,
    signal: stopping.signal,
    now: options.now,
    log,
    metrics,
  });
  options.routes?.(app);
  const server = createAdaptorServer({ fetch: app.fetch, serverOptions: serverOptions(config.connections) });
  // A trusted proxy carries many clients on its connections: the per-peer cap is not for it.
  guardConnections(
    server as Server,
    config.connections,
    options.exempt ?? ((peer) => isTrustedPeer(config.trustProxy, peer)),
  );

  try {
    await retention.run();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    retention.stop();
    stopping.abort();
    await storage.close();
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'EADDRINUSE')
      throw new Error(
        `Port ${config.port} is already in use (is the collector already running?). Stop it, or start on another port: PORT=${config.port + 1}`,
      );
    throw new Error(`The collector cannot listen on ${config.host}:${config.port}: ${message}`);
  }

  // Only once listening: a start that fails leaves no timer behind.
  const webhooks =
    config.webhook &&
    startWebhooks(storage, config.webhook, {
      now: options.now,
      log,
      metrics,
      minGroup: config.minGroup,
      everyMs: options.webhookEveryMs,
    });
  if (config.webhook) {
    const { digest, alerts, format } = config.webhook;
    // The host only: the rest of a webhook's URL is its secret.
    log.info(
      {
        host: new URL(config.webhook.url).host,
        format,
        digest: digest ?? 'off',
        alerts: alerts ? 'detractors' : 'off',
      },
      'webhook on',
    );
  }

  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? 'localhost' : config.host;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      retention.stop();
      const sending = webhooks?.stop();
      stopping.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; busy ones get 5 s to finish.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        setTimeout(() => 'closeAllConnections' in server && server.closeAllConnections(), 5000).unref();
      });
      // Only now: every request that was answered has been committed (and a look at the queue, aborted, has ended).
      await sending;
      await storage.close();
    })());

  if (options.handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        void close().then(
          () => process.exit(0),
          (error: Error) => {
            console.error(`Candor collector: closing failed: ${error.message}`);
            process.exit(1);
          },
        );
      });
  }
  const url = `http://${host}:${port}`;
  const dashboard = `${url}/dashboard/${tokenFile ? `#token=${adminToken}` : ''}`;
  const viewerDashboard = viewerToken && `${url}/dashboard/${viewerTokenFile ? `#token=${viewerToken}` : ''}`;
  return { url, port, dashboard, tokenFile, viewerDashboard, viewerTokenFile, app, storage, webhooks, close };
}
