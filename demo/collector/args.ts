import { parseArgs as parse } from 'node:util';
import { ConfigError } from './config.js';
import { SETTINGS } from './settings.js';

/** What the command line asks for; `env` is the environment with the flags given laid over it. */
export type Command =
  | { kind: 'start'; env: Record<string, string | undefined> }
  | { kind: 'backup'; file: string; env: Record<string, string | undefined> }
  | { kind: 'seed'; survey: string | undefined; env: Record<string, string | undefined> }
  | { kind: 'help' }
  | { kind: 'version' };

/**
 * Reads `argv` (without node and the script): every setting is a flag as well
 * as an environment variable (`--rate-limit 0` = `CANDOR_RATE_LIMIT=0`), and a
 * flag wins. Throws `ConfigError` naming an unknown flag or a stray argument.
 */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        ...Object.fromEntries(SETTINGS.map((s) => [s.flag.slice(2), { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}; \`candor-collector --help\` lists every setting`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const merged: Record<string, string | undefined> = { ...env };
  for (const s of SETTINGS) {
    const value = values[s.flag.slice(2)];
    if (typeof value === 'string') merged[s.env] = value;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) return { kind: 'start', env: merged };
  if (command === 'backup' && rest.length === 1) return { kind: 'backup', file: rest[0]!, env: merged };
  if (command === 'backup')
    throw new ConfigError('backup: expected one file to write, e.g. `candor-collector backup candor-2026-11-30.db`');
  if (command === 'seed' && rest.length <= 1) return { kind: 'seed', survey: rest[0], env: merged };
  if (command === 'seed')
    throw new ConfigError(
      'seed: expected at most one survey id, e.g. `candor-collector seed` or `candor-collector seed trial`',
    );
  throw new ConfigError(`unknown command ${JSON.stringify(command)}; \`candor-collector --help\` lists what it does`);
}

/** The text of `candor-collector --help`: what it does, and every setting with its flag, variable and default. */
export function helpText(): string {
  const settings = SETTINGS.map((s) => `  ${s.flag} <value>, ${s.env} (default: ${s.fallback})\n      ${s.help}`);
  return [
    'candor-collector: stores Candor NPS answers (SQLite, or PostgreSQL with DATABASE_URL) and serves their dashboard.',
    '',
    'Usage:',
    '  candor-collector [settings]               start; prints the address and the dashboard link',
    '  candor-collector backup FILE [settings]   copy the SQLite database to FILE, safely while it runs',
    '  candor-collector seed [SURVEY] [settings] store ~1,300 made-up answers of 90 days in SURVEY (default: sample),',
    '                                            only if it has none, to see every dashboard panel filled (they',
    '                                            stay until retention deletes them: use a survey of their own)',
    '  candor-collector --help | --version',
    '',
    'Settings, as flags or environment variables (a flag wins):',
    ...settings,
    '',
  ].join('\n');
}
