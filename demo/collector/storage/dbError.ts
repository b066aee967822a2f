/**
 * What a failed database call means for the request:
 * - `data`: this data can never be stored (a constraint, a value the column
 *   refuses). Retrying the same rows fails again, so the record is found and
 *   named in a 400, and the widget drops it and delivers the rest.
 * - `transient`: the database is busy, full, restarting or out of reach. The
 *   same rows will store later: 503 with Retry-After, never a 400, which would
 *   make the widget drop a good answer.
 * - `unknown`: anything else (a bug, a missing table, a permission): 503 too,
 *   since an answer must not be dropped for a fault of the server.
 */
export type DbErrorKind = 'data' | 'transient' | 'unknown';

// better-sqlite3 gives extended codes ("SQLITE_CONSTRAINT_CHECK",
// "SQLITE_BUSY_SNAPSHOT", "SQLITE_IOERR_WRITE"): the primary code is the prefix.
const SQLITE_DATA = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)(_|$)/;
const SQLITE_TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)(_|$)/;

// PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html):
// class 22 data exception, 23 integrity constraint violation; class 08
// connection exception, 53 insufficient resources, 57 operator intervention
// (shutdown, statement timeout), 40001 serialization failure, 40P01
// deadlock, 55P03 lock not available (lock_timeout).
const PG_DATA = /^2[23][0-9A-Z]{3}$/;
const PG_TRANSIENT = /^(08|53|57)[0-9A-Z]{3}$|^40001$|^40P01$|^55P03$/;

// Node's socket errors, and node-postgres' own for a lost connection or a pool
// that could not connect in time (these carry no code).
const NETWORK = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/;
const PG_CLIENT = /^(timeout exceeded when trying to connect|Connection terminated)/;

/** Classifies an error thrown by the SQLite or PostgreSQL storage. */
export function dbErrorKind(error: unknown): DbErrorKind {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const c = typeof code === 'string' ? code : '';
  if (SQLITE_DATA.test(c) || PG_DATA.test(c)) return 'data';
  if (SQLITE_TRANSIENT.test(c) || PG_TRANSIENT.test(c) || NETWORK.test(c)) return 'transient';
  if (typeof message === 'string' && PG_CLIENT.test(message)) return 'transient';
  return 'unknown';
}
