/** One setting of the collector: an environment variable, and the same as a command-line flag. */
export interface Setting {
  env: string;
  /** `--port` for PORT: the variable's name without CANDOR_, lower case, `-` for `_`. */
  flag: string;
  /** The default, as a person reads it. */
  fallback: string;
  help: string;
}

const setting = (env: string, fallback: string, help: string): Setting => ({
  env,
  flag: `--${env
    .replace(/^CANDOR_/, '')
    .toLowerCase()
    .replace(/_/g, '-')}`,
  fallback,
  help,
});

/**
 * Every setting `readConfig` reads, in the order `--help` lists them. This
 * table is the one list: `readConfig` refuses to read a variable that is not
 * in it, so the help cannot miss one.
 */
export const SETTINGS: readonly Setting[] = [
  setting('PORT', '8787', 'port to listen on (0: any free port)'),
  setting('HOST', 'localhost', 'address to listen on (0.0.0.0 or :: to accept the network)'),
  setting('CANDOR_DB', './data/candor.db', 'the SQLite file (its directory is created)'),
  setting('DATABASE_URL', 'none', 'postgres://… to use PostgreSQL instead of SQLite (needs the pg package)'),
  setting(
    'CANDOR_ADMIN_TOKEN',
    'made at first start',
    'bearer token for reads, at least 32 characters; unset with SQLite: made and kept in the data directory; required with DATABASE_URL',
  ),
  setting(
    'CANDOR_VIEWER_TOKEN',
    'made at first start (SQLite)',
    "bearer token for the team's aggregate reads (overview, summaries, breakdowns, themes; no CSV, comments or contacts), at least 32 characters; unset with SQLite: made and kept in the data directory; unset with DATABASE_URL: viewers off",
  ),
  setting(
    'CANDOR_ORIGINS',
    'loopback origins',
    'comma-separated web origins allowed to post answers (null: sandboxed frames), or *',
  ),
  setting('CANDOR_SURVEYS', 'any', 'comma-separated survey ids accepted'),
  setting('CANDOR_RATE_LIMIT', '60', 'POSTs per minute per client address (IPv6: per /64); 0 turns it off'),
  setting(
    'CANDOR_RATE_LIMIT_MAX_CLIENTS',
    '100000',
    'client addresses the rate limit remembers at most (the least recently seen is forgotten first)',
  ),
  setting('CANDOR_GLOBAL_RATE_LIMIT', '6000', 'POSTs per minute from all clients together; 0 turns it off'),
  setting(
    'CANDOR_SURVEY_DAILY_CAP',
    '0 (off)',
    'answers a survey may receive per UTC day; over it, 429 with Retry-After until the next day',
  ),
  setting('CANDOR_RETENTION_DAYS', '365', 'answers are deleted this many days after they arrived'),
  setting(
    'CANDOR_MIN_GROUP',
    '10',
    'the fewest answers a figure of its own may describe (a group, a point of the trend); smaller ones are hidden',
  ),
  setting(
    'CANDOR_TRUST_PROXY',
    'none',
    "your reverse proxies' addresses or CIDR ranges, or their number, whose X-Forwarded-For gives the client address",
  ),
  setting('CANDOR_HEADERS_TIMEOUT_MS', '5000', "a request's headers must arrive within this time"),
  setting('CANDOR_REQUEST_TIMEOUT_MS', '10000', 'a whole request (headers and body) must arrive within this time'),
  setting('CANDOR_KEEPALIVE_TIMEOUT_MS', '5000', 'an idle kept-alive connection is closed after this time'),
  setting('CANDOR_MAX_CONNECTIONS', '512', 'open connections at most; 0 turns the cap off'),
  setting(
    'CANDOR_MAX_CONNECTIONS_PER_PEER',
    '32',
    'open connections per client address at most (trusted proxies excepted); 0 turns the cap off',
  ),
  setting(
    'CANDOR_WEBHOOK_URL',
    'none',
    'where digests and alerts are POSTed (https://…; a Slack incoming webhook, or your own receiver); never logged',
  ),
  setting(
    'CANDOR_WEBHOOK_FORMAT',
    'slack for hooks.slack.com, else json',
    'slack: {"text": …}; json: the message as fields',
  ),
  setting(
    'CANDOR_DIGEST',
    'weekly (with a webhook)',
    'daily (each day, the week so far) or weekly (Mondays, the week before), under the viewer rules; off for none',
  ),
  setting(
    'CANDOR_ALERTS',
    'off',
    "detractors: one message per detractor answer with its redacted comment (sends answers to the webhook's owner)",
  ),
  setting('CANDOR_LOG_LEVEL', 'info', 'JSON log lines on stdout: trace, debug, info, warn, error, fatal or silent'),
];

/** The setting read from `env` under `name`; throws for a name missing from `SETTINGS` (a bug, not a user error). */
export function settingOf(name: string): Setting {
  const found = SETTINGS.find((s) => s.env === name);
  if (!found) throw new Error(`Candor collector: ${name} is read but not listed in SETTINGS`);
  return found;
}
