// Which database errors are the data's fault (400, the record named) and which
// are the database's moment (503, retried): a busy database must never make the
// widget drop a good answer.
import { describe, expect, test } from 'vitest';
import { findCulprit } from '../../demo/collector/culprit.js';
import { dbErrorKind } from '../../demo/collector/storage/dbError.js';
import { response } from './fixtures.js';

const err = (code?: string, message = 'x') => Object.assign(new Error(message), code === undefined ? {} : { code });

describe('dbErrorKind', () => {
  test.each([
    'SQLITE_CONSTRAINT',
    'SQLITE_CONSTRAINT_CHECK',
    'SQLITE_CONSTRAINT_TRIGGER',
    'SQLITE_CONSTRAINT_NOTNULL',
    'SQLITE_MISMATCH',
    'SQLITE_TOOBIG',
    '22021', // invalid byte sequence (a NUL in text)
    '22008', // datetime field overflow
    '22P02', // invalid text representation
    '23514', // check violation
    '23502', // not-null violation
  ])('%s is the data’s fault', (code) => {
    expect(dbErrorKind(err(code))).toBe('data');
  });

  test.each([
    'SQLITE_BUSY',
    'SQLITE_BUSY_SNAPSHOT',
    'SQLITE_LOCKED',
    'SQLITE_IOERR',
    'SQLITE_IOERR_WRITE',
    'SQLITE_FULL',
    'SQLITE_CANTOPEN',
    '08006', // connection failure
    '08001',
    '53300', // too many connections
    '53100', // disk full
    '57P01', // admin shutdown
    '57P03', // cannot connect now
    '57014', // statement timeout
    '40001', // serialization failure
    '40P01', // deadlock
    '55P03', // lock timeout
    'ECONNREFUSED',
    'ECONNRESET',
  ])('%s is transient', (code) => {
    expect(dbErrorKind(err(code))).toBe('transient');
  });

  test.each(['timeout exceeded when trying to connect', 'Connection terminated unexpectedly'])(
    'node-postgres’ "%s" (no code) is transient',
    (message) => {
      expect(dbErrorKind(err(undefined, message))).toBe('transient');
    },
  );

  test.each([['SQLITE_ERROR'], ['SQLITE_READONLY'], ['42P01'], ['42501'], [undefined], ['SQLITE_BUSYX'], ['2201']])(
    '%s is neither (a fault of the server: 503, not 400)',
    (code) => {
      expect(dbErrorKind(err(code))).toBe('unknown');
    },
  );

  test('anything thrown, not only errors, is classified', () => {
    expect(dbErrorKind(undefined)).toBe('unknown');
    expect(dbErrorKind('SQLITE_BUSY')).toBe('unknown');
    expect(dbErrorKind({ code: 23514 })).toBe('unknown');
  });
});

describe('findCulprit', () => {
  const rows = Array.from({ length: 50 }, () => response());

  test.each([0, 1, 24, 25, 37, 49])('finds the refused record at %i', async (bad) => {
    const tried: number[] = [];
    const index = await findCulprit(rows, async (part) => (tried.push(part.length), part.includes(rows[bad]!)));
    expect(index).toBe(bad);
    expect(tried.length).toBeLessThanOrEqual(12);
  });

  test('a batch of one is its own culprit, without another try', async () => {
    const tried: unknown[] = [];
    expect(await findCulprit(rows.slice(0, 1), async (part) => (tried.push(part), true))).toBe(0);
    expect(tried).toEqual([]);
  });

  test('finds none when records are refused only together', async () => {
    const [a, b] = [rows[3]!, rows[40]!];
    expect(await findCulprit(rows, async (part) => part.includes(a) && part.includes(b))).toBeUndefined();
  });

  test('passes on an error that is not a refusal', async () => {
    const busy = err('SQLITE_BUSY');
    await expect(findCulprit(rows, () => Promise.reject(busy))).rejects.toBe(busy);
  });
});
