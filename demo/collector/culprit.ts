import type { NpsResponse } from './storage/types.js';

/**
 * Finds the record a database refused in a batch whose insert failed with a
 * data error, by bisection: `fails(rows)` tries to store rows without storing
 * them (`Storage.dryRun`) and says whether the database refuses them for
 * their data; any other error is thrown on. Returns the culprit's index, or
 * undefined when no part of the batch is refused on its own (the rows are
 * refused only together, or the first failure did not repeat). At most two
 * tries per halving: 12 for a batch of 50.
 */
export async function findCulprit(
  rows: readonly NpsResponse[],
  fails: (rows: readonly NpsResponse[]) => Promise<boolean>,
): Promise<number | undefined> {
  // [lo, hi) holds a refused record: the whole batch was refused to begin with.
  let [lo, hi] = [0, rows.length];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (await fails(rows.slice(lo, mid))) hi = mid;
    else if (await fails(rows.slice(mid, hi))) lo = mid;
    else return undefined;
  }
  return hi > lo ? lo : undefined;
}
