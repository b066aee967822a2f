import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  linkSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MIN_TOKEN_LENGTH } from './config.js';

/** Where a made-up admin token is kept: next to the SQLite file, readable by its owner only. */
export const tokenFileFor = (dbFile: string): string => join(dirname(resolve(dbFile)), 'admin-token');
/** Where a made-up viewer token is kept: next to the admin token. */
export const viewerTokenFileFor = (dbFile: string): string => join(dirname(resolve(dbFile)), 'viewer-token');

/** Which token a file holds, for its messages: the admin's (default) or the viewers'. */
export interface TokenKind {
  what: string;
  env: string;
}
const ADMIN: TokenKind = { what: 'admin token', env: 'CANDOR_ADMIN_TOKEN' };
export const VIEWER: TokenKind = { what: 'viewer token', env: 'CANDOR_VIEWER_TOKEN' };

/**
 * The token kept in `file` (the admin's unless `kind` says otherwise), made (32 random bytes, base64url) if there
 * is none yet. It is written whole to a temporary file first and linked into
 * place, which fails if the file exists: two collectors starting at once
 * agree on one token, and neither ever reads a half-written one. The file is
 * then opened without following a symlink and must be a regular file of this
 * user (no one else can choose the token by planting a file or a link in a
 * shared directory); a file that was loosened by hand is tightened to 0600.
 */
export function keptToken(file: string, kind: TokenKind = ADMIN): string {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new Error(`Cannot write the ${kind.what} to ${file}: ${(error as Error).message}`);
  } finally {
    rmSync(temporary, { force: true });
  }
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new Error(notOurs(file, kind));
    throw new Error(`Cannot read the ${kind.what} in ${file}: ${(error as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || (process.getuid && stat.uid !== process.getuid())) throw new Error(notOurs(file, kind));
    fchmodSync(fd, 0o600);
    const token = readFileSync(fd, 'utf8').trim();
    if (token.length < MIN_TOKEN_LENGTH)
      throw new Error(
        `The ${kind.what} in ${file} is shorter than ${MIN_TOKEN_LENGTH} characters: delete the file to have a new one made`,
      );
    return token;
  } finally {
    closeSync(fd);
  }
}

const notOurs = (file: string, kind: TokenKind) =>
  `${file} is not a regular file of this user: remove it (someone else could have chosen the token), or set ${kind.env}`;
