import { toResponse, type DbRow } from './columns.js';
import { PAGE_SIZE, type NpsResponse } from './types.js';

/**
 * Every answer of a read ordered by (at, id), a page at a time: `page(after)`
 * reads up to PAGE_SIZE rows after that key (`undefined` for the first page).
 * Each page is read whole before its rows are yielded, so a slow download never
 * holds a statement open.
 */
export async function* keysetPages(
  page: (after: [at: string, id: string] | undefined) => DbRow[] | Promise<DbRow[]>,
): AsyncGenerator<NpsResponse> {
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await page(after);
    for (const row of rows) yield toResponse(row);
    if (rows.length < PAGE_SIZE) return;
    const last = rows[rows.length - 1]!;
    after = [last.at, last.id];
  }
}
