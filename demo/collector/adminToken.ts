import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MIN_TOKEN_LENGTH } from './config.js';

/** Where a made-up admin token is kept: next to the SQLite file, readable by its owner only. */
export const tokenFileFor = (dbFile: string): string => join(dirname(resolve(dbFile)), 'admin-token');

/**
 * The admin token kept in `file`, made (32 random bytes, base64url) and
 * written with mode 0600 if there is none yet. `wx` creates the file only
 * if it is absent, so two collectors starting at once agree on one token.
 * A file that was loosened by hand is tightened again.
 */
export function keptToken(file: string): string {
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new Error(`Cannot write the admin token to ${file}: ${(error as Error).message}`);
  }
  chmodSync(file, 0o600);
  const token = readFileSync(file, 'utf8').trim();
  if (token.length < MIN_TOKEN_LENGTH)
    throw new Error(
      `The admin token in ${file} is shorter than ${MIN_TOKEN_LENGTH} characters: delete the file to have a new one made`,
    );
  return token;
}
