// Why a SQLite database could not be opened, in one sentence that says what to do.

/** One clear sentence for what went wrong opening `file`. */
export function explain(file: string, error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const fix = 'or point CANDOR_DB at another file.';
  // npm 11 runs a dependency's install script only when allowed, and better-sqlite3 builds its native module in one.
  if (/bindings file|better_sqlite3\.node|NODE_MODULE_VERSION/.test(message ?? ''))
    return (
      "better-sqlite3's native module is not built (npm runs its install script only when allowed): add " +
      '"allowScripts": { "better-sqlite3": true } to your package.json and run `npm rebuild better-sqlite3`, ' +
      'or run `npx --allow-scripts=better-sqlite3 candor-collector`'
    );
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /no such column|has no column/.test(message ?? ''))
    return `The database file ${file} is corrupt or not a Candor database (${message}). Move it aside to start with an empty one, ${fix}`;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return `The database file ${file} is locked by another process (is another collector using it?). Stop that process, ${fix}`;
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')
    return `The database file ${file} cannot be opened for writing (${message}). Check its permissions, ${fix}`;
  return `The database file ${file} cannot be opened: ${message ?? String(error)}`;
}
