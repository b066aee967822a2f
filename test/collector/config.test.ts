// Environment variables → collector settings, with defaults and one clear error.
import { describe, expect, test } from 'vitest';
import { readConfig } from '../../demo/collector/config.js';

describe('readConfig', () => {
  test('has documented defaults', () => {
    expect(readConfig({})).toEqual({
      port: 8787,
      host: 'localhost',
      storage: { databaseUrl: undefined, file: undefined },
      origins: 'loopback',
      surveys: undefined,
      rateLimit: 60,
      rateLimitMaxClients: 100_000,
      globalRateLimit: 6000,
      surveyDailyCap: 0,
      retentionDays: 365,
      minGroup: 10,
      adminToken: undefined,
      trustProxy: expect.objectContaining({ hops: 0, ranges: [] }),
      connections: {
        headersTimeoutMs: 5000,
        requestTimeoutMs: 10_000,
        keepAliveTimeoutMs: 5000,
        maxConnections: 512,
        maxConnectionsPerPeer: 32,
      },
      logLevel: 'info',
    });
  });

  test('reads every variable', () => {
    const config = readConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      CANDOR_DB: '/var/lib/candor/x.db',
      DATABASE_URL: 'postgres://u:p@db/candor',
      CANDOR_ORIGINS: 'https://Shop.example.com/, http://localhost:8787',
      CANDOR_SURVEYS: 'home, checkout',
      CANDOR_RATE_LIMIT: '0',
      CANDOR_RATE_LIMIT_MAX_CLIENTS: '5000',
      CANDOR_GLOBAL_RATE_LIMIT: '0',
      CANDOR_SURVEY_DAILY_CAP: '1000',
      CANDOR_RETENTION_DAYS: '30',
      CANDOR_MIN_GROUP: '5',
      CANDOR_ADMIN_TOKEN: 'x'.repeat(32),
      CANDOR_TRUST_PROXY: '10.0.0.0/8',
      CANDOR_HEADERS_TIMEOUT_MS: '2000',
      CANDOR_REQUEST_TIMEOUT_MS: '20000',
      CANDOR_KEEPALIVE_TIMEOUT_MS: '1000',
      CANDOR_MAX_CONNECTIONS: '0',
      CANDOR_MAX_CONNECTIONS_PER_PEER: '8',
      CANDOR_LOG_LEVEL: 'warn',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      storage: { databaseUrl: 'postgres://u:p@db/candor', file: '/var/lib/candor/x.db' },
      origins: ['https://shop.example.com', 'http://localhost:8787'],
      surveys: ['home', 'checkout'],
      rateLimit: 0,
      rateLimitMaxClients: 5000,
      globalRateLimit: 0,
      surveyDailyCap: 1000,
      retentionDays: 30,
      minGroup: 5,
      adminToken: 'x'.repeat(32),
      trustProxy: expect.objectContaining({ hops: 0, ranges: ['10.0.0.0/8'] }),
      connections: {
        headersTimeoutMs: 2000,
        requestTimeoutMs: 20_000,
        keepAliveTimeoutMs: 1000,
        maxConnections: 0,
        maxConnectionsPerPeer: 8,
      },
      logLevel: 'warn',
    });
  });

  test('CANDOR_ORIGINS may list null: pages with an opaque origin (sandboxed frames)', () => {
    expect(readConfig({ CANDOR_ORIGINS: 'https://shop.example.com, null' }).origins).toEqual([
      'https://shop.example.com',
      'null',
    ]);
  });

  test('CANDOR_ORIGINS=* allows any origin; empty values count as unset', () => {
    expect(readConfig({ CANDOR_ORIGINS: '*' }).origins).toBe('*');
    expect(readConfig({ CANDOR_ORIGINS: '', PORT: ' ' })).toMatchObject({ origins: 'loopback', port: 8787 });
  });

  test('names every bad variable and what it expects, in one message', () => {
    expect(() =>
      readConfig({
        PORT: 'eighty',
        CANDOR_RATE_LIMIT: '-1',
        CANDOR_RETENTION_DAYS: '0',
        CANDOR_MIN_GROUP: '1',
        CANDOR_ORIGINS: 'https://ok.example, shop.example.com, https://x.example/path',
        CANDOR_SURVEYS: 'Home',
        CANDOR_ADMIN_TOKEN: 'short',
        CANDOR_TRUST_PROXY: 'yes',
        DATABASE_URL: 'mysql://x',
      }),
    ).toThrow(
      'PORT: expected a port number from 0 to 65535, got "eighty"; ' +
        'CANDOR_RATE_LIMIT: expected requests per minute per address (0 turns the limit off), got "-1"; ' +
        'CANDOR_RETENTION_DAYS: expected a number of days from 1 to 36500, got "0"; ' +
        'CANDOR_MIN_GROUP: expected a whole number of answers from 2 to 1000, got "1"; ' +
        'CANDOR_ORIGINS: expected origins such as "https://shop.example.com", got "shop.example.com"; ' +
        'CANDOR_ORIGINS: expected origins such as "https://shop.example.com", got "https://x.example/path"; ' +
        'CANDOR_SURVEYS: expected survey ids ([a-z0-9_-]{1,64}), got "Home"; ' +
        'DATABASE_URL: expected a postgres:// or postgresql:// URL; ' +
        'CANDOR_ADMIN_TOKEN: expected at least 32 characters (make one with `openssl rand -hex 32`); ' +
        'CANDOR_TRUST_PROXY: "yes" would believe X-Forwarded-For from anyone; list your proxies\' addresses or ranges (e.g. 127.0.0.1 or 10.0.0.0/8) or give their number (e.g. 1)',
    );
  });

  test('connection settings: timeouts in ms, caps as counts, headers within the request timeout', () => {
    expect(() =>
      readConfig({
        CANDOR_HEADERS_TIMEOUT_MS: '5s',
        CANDOR_KEEPALIVE_TIMEOUT_MS: '0',
        CANDOR_MAX_CONNECTIONS: '-5',
        CANDOR_MAX_CONNECTIONS_PER_PEER: 'many',
      }),
    ).toThrow(
      'CANDOR_HEADERS_TIMEOUT_MS: expected milliseconds from 100 to 3600000, got "5s"; ' +
        'CANDOR_KEEPALIVE_TIMEOUT_MS: expected milliseconds from 100 to 3600000, got "0"; ' +
        'CANDOR_MAX_CONNECTIONS: expected open connections (0 turns the cap off), got "-5"; ' +
        'CANDOR_MAX_CONNECTIONS_PER_PEER: expected open connections per client address (0 turns the cap off), got "many"',
    );
    expect(() => readConfig({ CANDOR_HEADERS_TIMEOUT_MS: '20000' })).toThrow(
      'CANDOR_HEADERS_TIMEOUT_MS: expected at most the request timeout (10000 ms), got 20000',
    );
  });

  test('limits of POSTs: client addresses remembered, the global quota and the daily cap are whole numbers', () => {
    expect(() =>
      readConfig({
        CANDOR_RATE_LIMIT_MAX_CLIENTS: '0',
        CANDOR_GLOBAL_RATE_LIMIT: '1e4',
        CANDOR_SURVEY_DAILY_CAP: 'unlimited',
      }),
    ).toThrow(
      'CANDOR_RATE_LIMIT_MAX_CLIENTS: expected a number of client addresses from 1 to 100000000, got "0"; ' +
        'CANDOR_GLOBAL_RATE_LIMIT: expected requests per minute from all clients together (0 turns the limit off), got "1e4"; ' +
        'CANDOR_SURVEY_DAILY_CAP: expected answers per survey per UTC day (0 turns the cap off), got "unlimited"',
    );
  });
});

describe('webhook settings', () => {
  const URL_ = 'https://hooks.slack.com/services/T000/B000/XXXX';

  test('off without a URL; with one, a weekly digest in the format its host takes, alerts only when asked', () => {
    expect(readConfig({}).webhook).toBeUndefined();
    expect(readConfig({ CANDOR_WEBHOOK_URL: URL_ }).webhook).toEqual({
      url: URL_,
      format: 'slack',
      digest: 'weekly',
      alerts: false,
    });
    expect(readConfig({ CANDOR_WEBHOOK_URL: 'https://example.com/hook' }).webhook?.format).toBe('json');
    const config = readConfig({
      CANDOR_WEBHOOK_URL: 'https://example.com/hook',
      CANDOR_WEBHOOK_FORMAT: 'slack',
      CANDOR_DIGEST: 'off',
      CANDOR_ALERTS: 'detractors',
    });
    expect(config.webhook).toEqual({
      url: 'https://example.com/hook',
      format: 'slack',
      digest: undefined,
      alerts: true,
    });
    // The storage queues alerts in the answers' transaction only when they are on.
    expect(config.storage.alerts).toBe(true);
    expect(readConfig({ CANDOR_WEBHOOK_URL: URL_, CANDOR_DIGEST: 'daily' }).webhook?.digest).toBe('daily');
  });

  test('names each bad value, never repeating the URL (it is the secret)', () => {
    const message = (env: Record<string, string>) => {
      try {
        readConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(
      message({ CANDOR_WEBHOOK_URL: 'ftp://x/secret-part', CANDOR_WEBHOOK_FORMAT: 'xml', CANDOR_DIGEST: 'hourly' }),
    ).toBe(
      'CANDOR_WEBHOOK_FORMAT: expected slack or json, got "xml"; CANDOR_DIGEST: expected daily, weekly or off, got "hourly"; ' +
        'CANDOR_WEBHOOK_URL: expected an https:// URL, e.g. https://hooks.slack.com/services/… (http:// only to this machine)',
    );
    // Alerts carry comments: no plain http across a network.
    expect(message({ CANDOR_WEBHOOK_URL: 'http://hooks.example.com/secret-part' })).toMatch(
      /^CANDOR_WEBHOOK_URL: expected an https/,
    );
    expect(readConfig({ CANDOR_WEBHOOK_URL: 'http://127.0.0.1:9000/hook' }).webhook?.url).toBe(
      'http://127.0.0.1:9000/hook',
    );
    expect(message({ CANDOR_WEBHOOK_URL: 'not a url secret-part' })).not.toContain('secret-part');
    expect(message({ CANDOR_WEBHOOK_URL: 'https://user:pw@example.com/' })).toBe(
      'CANDOR_WEBHOOK_URL: expected no user name or password in the URL (a token in its path or query works)',
    );
    expect(message({ CANDOR_DIGEST: 'daily', CANDOR_ALERTS: 'detractors' })).toBe(
      'CANDOR_DIGEST: needs CANDOR_WEBHOOK_URL (where to send it); CANDOR_ALERTS: needs CANDOR_WEBHOOK_URL (where to send it)',
    );
    expect(message({ CANDOR_WEBHOOK_URL: URL_, CANDOR_ALERTS: 'all' })).toBe(
      'CANDOR_ALERTS: expected detractors or off, got "all"',
    );
  });
});
