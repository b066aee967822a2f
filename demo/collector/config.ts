import { DEFAULT_MIN_GROUP } from './insights/suppress.js';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connections.js';
import { normalizeOrigin, type OriginPolicy } from './origins.js';
import { LOG_LEVELS, type LevelWithSilent } from './log.js';
import { parseTrustProxy, type TrustProxy } from './proxies.js';
import { DEFAULT_GLOBAL_RATE_LIMIT, DEFAULT_MAX_CLIENTS, DEFAULT_RATE_LIMIT } from './rateLimit.js';
import { settingOf } from './settings.js';
import type { StorageConfig } from './storage/open.js';
import { readWebhook, type WebhookConfig } from './webhooks/config.js';

/** The collector's settings, read from the environment by `readConfig`. */
export interface CollectorConfig {
  /** PORT (default 8787). */
  port: number;
  /** HOST (default localhost; 0.0.0.0 to accept connections from the network). */
  host: string;
  /** DATABASE_URL, else CANDOR_DB (default ./data/candor.db). */
  storage: StorageConfig;
  /** CANDOR_ORIGINS: comma-separated origins (`null` for sandboxed frames), or * (default: loopback origins only). */
  origins: OriginPolicy;
  /** CANDOR_SURVEYS: comma-separated survey ids (default: any). */
  surveys: string[] | undefined;
  /** CANDOR_RATE_LIMIT: POSTs per minute per client address (default 60; 0 = off). */
  rateLimit: number;
  /** CANDOR_RATE_LIMIT_MAX_CLIENTS: client addresses the rate limit remembers at most (default 100000). */
  rateLimitMaxClients: number;
  /** CANDOR_GLOBAL_RATE_LIMIT: POSTs per minute from all clients together (default 6000; 0 = off). */
  globalRateLimit: number;
  /** CANDOR_SURVEY_DAILY_CAP: answers a survey may receive per UTC day (default 0 = no cap). */
  surveyDailyCap: number;
  /** CANDOR_RETENTION_DAYS: rows are deleted this many days after they arrived (default 365). */
  retentionDays: number;
  /** CANDOR_MIN_GROUP: the fewest answers a figure of its own may describe (default 10; insights/suppress.ts). */
  minGroup: number;
  /**
   * CANDOR_ADMIN_TOKEN: bearer token for reads, at least 32 characters. Unset with SQLite: made at
   * first start and kept in the data directory (`adminToken.ts`); required with DATABASE_URL.
   */
  adminToken: string | undefined;
  /**
   * CANDOR_VIEWER_TOKEN: bearer token for the team's aggregate reads (no CSV, comments or contacts),
   * at least 32 characters, not the admin token. Unset with SQLite: made at first start and kept
   * next to the admin token; unset with DATABASE_URL: no viewer token is accepted.
   */
  viewerToken: string | undefined;
  /** CANDOR_TRUST_PROXY: your reverse proxies' addresses or CIDR ranges, or their number (default: none). */
  trustProxy: TrustProxy;
  /** CANDOR_HEADERS_TIMEOUT_MS, CANDOR_REQUEST_TIMEOUT_MS, CANDOR_KEEPALIVE_TIMEOUT_MS, CANDOR_MAX_CONNECTIONS, CANDOR_MAX_CONNECTIONS_PER_PEER. */
  connections: ConnectionLimits;
  /** CANDOR_LOG_LEVEL: how much the JSON log says (default info). */
  logLevel: LevelWithSilent;
  /** CANDOR_WEBHOOK_URL, CANDOR_WEBHOOK_FORMAT, CANDOR_DIGEST, CANDOR_ALERTS: undefined without a webhook. */
  webhook: WebhookConfig | undefined;
}

/** A bad environment variable: the message names each one and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_RETENTION_DAYS = 365;
/** The shortest admin token accepted: 32 characters (`openssl rand -hex 32` makes 64). */
export const MIN_TOKEN_LENGTH = 32;

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the collector's settings from `env` (empty values count as unset); throws `ConfigError`. */
export function readConfig(env: Readonly<Record<string, string | undefined>>): CollectorConfig {
  const issues: string[] = [];
  const get = (name: string) => (settingOf(name), env[name]?.trim() ? env[name]!.trim() : undefined);
  const whole = (name: string, fallback: number, min: number, max: number, what: string) => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (/^\d+$/.test(raw) && n >= min && n <= max) return n;
    issues.push(`${name}: expected ${what}, got ${JSON.stringify(raw)}`);
    return fallback;
  };

  const port = whole('PORT', DEFAULT_PORT, 0, 65535, 'a port number from 0 to 65535');
  const rateLimit = whole(
    'CANDOR_RATE_LIMIT',
    DEFAULT_RATE_LIMIT,
    0,
    1e6,
    'requests per minute per address (0 turns the limit off)',
  );
  const rateLimitMaxClients = whole(
    'CANDOR_RATE_LIMIT_MAX_CLIENTS',
    DEFAULT_MAX_CLIENTS,
    1,
    1e8,
    'a number of client addresses from 1 to 100000000',
  );
  const globalRateLimit = whole(
    'CANDOR_GLOBAL_RATE_LIMIT',
    DEFAULT_GLOBAL_RATE_LIMIT,
    0,
    1e8,
    'requests per minute from all clients together (0 turns the limit off)',
  );
  const surveyDailyCap = whole(
    'CANDOR_SURVEY_DAILY_CAP',
    0,
    0,
    1e9,
    'answers per survey per UTC day (0 turns the cap off)',
  );
  const retentionDays = whole(
    'CANDOR_RETENTION_DAYS',
    DEFAULT_RETENTION_DAYS,
    1,
    36_500,
    'a number of days from 1 to 36500',
  );
  const minGroup = whole('CANDOR_MIN_GROUP', DEFAULT_MIN_GROUP, 2, 1000, 'a whole number of answers from 2 to 1000');

  const D = DEFAULT_CONNECTION_LIMITS;
  const ms = 'milliseconds from 100 to 3600000';
  const connections: ConnectionLimits = {
    headersTimeoutMs: whole('CANDOR_HEADERS_TIMEOUT_MS', D.headersTimeoutMs, 100, 3_600_000, ms),
    requestTimeoutMs: whole('CANDOR_REQUEST_TIMEOUT_MS', D.requestTimeoutMs, 100, 3_600_000, ms),
    keepAliveTimeoutMs: whole('CANDOR_KEEPALIVE_TIMEOUT_MS', D.keepAliveTimeoutMs, 100, 3_600_000, ms),
    maxConnections: whole('CANDOR_MAX_CONNECTIONS', D.maxConnections, 0, 1e6, 'open connections (0 turns the cap off)'),
    maxConnectionsPerPeer: whole(
      'CANDOR_MAX_CONNECTIONS_PER_PEER',
      D.maxConnectionsPerPeer,
      0,
      1e6,
      'open connections per client address (0 turns the cap off)',
    ),
  };
  // Node refuses a headers timeout longer than the request timeout (the request includes its headers).
  if (connections.headersTimeoutMs > connections.requestTimeoutMs)
    issues.push(
      `CANDOR_HEADERS_TIMEOUT_MS: expected at most the request timeout (${connections.requestTimeoutMs} ms), got ${connections.headersTimeoutMs}`,
    );

  let origins: OriginPolicy = 'loopback';
  const rawOrigins = get('CANDOR_ORIGINS');
  if (rawOrigins === '*') origins = '*';
  else if (rawOrigins !== undefined) {
    origins = list(rawOrigins).map((o) => {
      // "null": the opaque origin of sandboxed frames and file: pages. Any site can make one, so
      // allowing it lets anyone post answers: list it only where the widget runs in such a frame.
      if (o === 'null') return o;
      const origin = normalizeOrigin(o);
      if (!origin)
        issues.push(`CANDOR_ORIGINS: expected origins such as "https://shop.example.com", got ${JSON.stringify(o)}`);
      return origin ?? o;
    });
  }

  const rawSurveys = get('CANDOR_SURVEYS');
  const surveys = rawSurveys === undefined ? undefined : list(rawSurveys);
  for (const s of surveys ?? [])
    if (!/^[a-z0-9_-]{1,64}$/.test(s))
      issues.push(`CANDOR_SURVEYS: expected survey ids ([a-z0-9_-]{1,64}), got ${JSON.stringify(s)}`);

  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl))
    issues.push('DATABASE_URL: expected a postgres:// or postgresql:// URL');

  const adminToken = get('CANDOR_ADMIN_TOKEN');
  const viewerToken = get('CANDOR_VIEWER_TOKEN');
  for (const [name, token] of [
    ['CANDOR_ADMIN_TOKEN', adminToken],
    ['CANDOR_VIEWER_TOKEN', viewerToken],
  ] as const) {
    // A token is sent in a header: anything but visible ASCII could never match.
    if (token !== undefined && !/^[\x21-\x7e]+$/.test(token))
      issues.push(`${name}: expected visible ASCII characters only (no spaces), e.g. \`openssl rand -hex 32\``);
    else if (token !== undefined && token.length < MIN_TOKEN_LENGTH)
      issues.push(`${name}: expected at least ${MIN_TOKEN_LENGTH} characters (make one with \`openssl rand -hex 32\`)`);
  }
  // Else every viewer would be an admin.
  if (viewerToken !== undefined && viewerToken === adminToken)
    issues.push('CANDOR_VIEWER_TOKEN: expected a token other than CANDOR_ADMIN_TOKEN');
  // Instances sharing one database must share one token: none can make it up alone.
  if (adminToken === undefined && databaseUrl !== undefined)
    issues.push(
      'CANDOR_ADMIN_TOKEN: required with DATABASE_URL (every instance must accept the same token); make one with `openssl rand -hex 32`',
    );

  const logLevel = (get('CANDOR_LOG_LEVEL') ?? 'info') as LevelWithSilent;
  if (!LOG_LEVELS.includes(logLevel))
    issues.push(`CANDOR_LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);

  const trustProxy = parseTrustProxy(get('CANDOR_TRUST_PROXY'));
  if ('error' in trustProxy) issues.push(`CANDOR_TRUST_PROXY: ${trustProxy.error}`);

  const webhook = readWebhook(get, issues);

  if (issues.length) throw new ConfigError(issues.join('; '));
  return {
    port,
    host: get('HOST') ?? 'localhost',
    storage: { databaseUrl, file: get('CANDOR_DB'), alerts: webhook?.alerts },
    origins,
    surveys,
    rateLimit,
    rateLimitMaxClients,
    globalRateLimit,
    surveyDailyCap,
    retentionDays,
    minGroup,
    adminToken,
    viewerToken,
    trustProxy: trustProxy as TrustProxy,
    connections,
    logLevel,
    webhook,
  };
}
