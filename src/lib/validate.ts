import { closest } from './closest.js';

/**
 * A tiny validator for the config: each `Check` returns the value (with
 * defaults filled) or records one sentence per problem, naming the key and what
 * was expected. It exists because zod/mini costs 4.6–7 KB gzip in the browser
 * bundle, half of the whole budget (docs/benchmarks.md, "Size"); the wire format, which
 * servers validate, stays a zod schema.
 */
export type Check<T> = (value: unknown, path: string, issues: string[]) => T;
/** The type a check returns. */
export type Infer<C> = C extends Check<infer T> ? T : never;

/** How a bad value looks in a message: short, never a whole object. */
export function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  const s = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

// `what` completes "expected …", e.g. "a whole number from 1 to 30".
const fail = (issues: string[], path: string, what: string, value: unknown) =>
  void issues.push(
    `${path || 'config'}: ${value === undefined ? 'missing, ' : ''}expected ${what}${value === undefined ? '' : `, got ${show(value)}`}`,
  );

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Any value that passes `test`. */
export const valid =
  <T>(what: string, test: (v: unknown) => boolean): Check<T> =>
  (value, path, issues) => {
    if (!test(value)) fail(issues, path, what, value);
    return value as T;
  };

/** A value of one JavaScript type (`typeof`) that passes `test`. */
export const is = <T>(type: string, what: string, test: (v: T) => boolean = () => true): Check<T> =>
  valid<T>(what, (v) => typeof v === type && test(v as T));

/** A value from a fixed list (compared with ===). */
export const oneOf = <T>(values: readonly T[], what: string): Check<T> =>
  valid<T>(what, (v) => values.includes(v as T));

/**
 * A value passing `simple`, or an object checked by `shaped`: an object that
 * is right in kind but wrong inside gets `shaped`'s exact complaints.
 */
export const either =
  <A, B>(simple: Check<A>, shaped: Check<B>, what: string): Check<A | B> =>
  (value, path, issues) => {
    if (isPlain(value)) return shaped(value, path, issues);
    const inner: string[] = [];
    const result = simple(value, path, inner);
    if (inner.length) fail(issues, path, what, value);
    return result;
  };

/** `undefined` is allowed; anything else must pass `check`. */
export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value, path, issues) =>
    value === undefined ? undefined : check(value, path, issues);

/** `undefined` becomes `fallback` (checked too, so an object default gets its own defaults). */
export const withDefault =
  <T>(check: Check<T>, fallback: unknown): Check<T> =>
  (value, path, issues) =>
    check(value === undefined ? fallback : value, path, issues);

export const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** An object with exactly these keys: an unknown key is an error, with a "did you mean". */
export const object =
  <S extends Record<string, Check<unknown>>>(shape: S, what?: string): Check<{ [K in keyof S]: Infer<S[K]> }> =>
  (value, path, issues) => {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(shape);
    if (!isPlain(value))
      return (fail(issues, path, what ?? `an object with keys ${keys.join(', ')}`, value), out as never);
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        const hint = closest(key, keys);
        issues.push(`${join(path, key)}: unknown key${hint ? ` (did you mean "${hint}"?)` : ''}`);
      }
    }
    for (const key of keys) {
      const result = shape[key]!({}.hasOwnProperty.call(value, key) ? value[key] : undefined, join(path, key), issues);
      if (result !== undefined) out[key] = result;
    }
    return out as never;
  };

/** An object of at most `max` entries whose every key passes `key` and every value passes `item`. */
export const record =
  <T>(key: Check<string>, item: Check<T>, what: string, max = 1e3): Check<Record<string, T>> =>
  (value, path, issues) => {
    if (!isPlain(value) || Object.keys(value).length > max) return (fail(issues, path, what, value), {});
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(value)) {
      key(k, join(path, k), issues);
      out[k] = item(v, join(path, k), issues);
    }
    return out;
  };

/** An array whose every item passes `item`. */
export const list =
  <T>(item: Check<T>, what: string): Check<T[]> =>
  (value, path, issues) => {
    if (!Array.isArray(value)) return (fail(issues, path, what, value), []);
    return value.map((v, i) => item(v, `${path}.${i}`, issues));
  };
