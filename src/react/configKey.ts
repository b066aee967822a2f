// Functions get a number each, held weakly: two configs that pass the same
// `transport` function are equal, two that pass different ones are not, even
// when the functions' source text is the same (they may close over other state).
const ids = new WeakMap<object, number>();
let last = 0;

/**
 * A string that is the same for two configs exactly when they hold the same
 * plain data (object keys in any order, `undefined` as if absent) and the
 * same functions (by identity). `useNps` re-creates its survey only when this
 * changes, so an inline config object written anew at each render does not.
 */
export function configKey(config: object): string {
  return JSON.stringify(config, (_name, value: unknown) => {
    if (typeof value === 'function') {
      let id = ids.get(value);
      if (id === undefined) ids.set(value, (id = ++last));
      // An object, so no string in a config can look like a function.
      return { '(function)': id };
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((key) => [key, record[key]]),
      );
    }
    return value;
  });
}
