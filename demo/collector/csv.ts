import type { NpsResponse } from './storage/types.js';

/** The CSV header: one column per wire field, `segment` as JSON. */
export const CSV_HEADER = [
  'id',
  'survey',
  'at',
  'score',
  'category',
  'comment',
  'locale',
  'page',
  'device',
  'consentVersion',
  'segment',
  'sdk',
] as const;

// A formula's first character (ASCII or full width, which spreadsheets also accept), after any
// leading white space, no-break space or line break a spreadsheet would skip.
const FORMULA = /^[\s\u00a0\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/**
 * One CSV cell (RFC 4180). Every text cell is quoted, so a spreadsheet that
 * splits on ";" (or anything else) still reads it as one cell. Text that a
 * spreadsheet would run as a formula (= + - @, also in full width and after
 * leading white space) gets a leading ' so it is shown instead: comments are
 * written by strangers (OWASP "CSV injection").
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV line with its CRLF. */
export const csvLine = (cells: readonly (string | number | undefined)[]): string =>
  cells.map(csvCell).join(',') + '\r\n';

/** A response as a CSV line, in `CSV_HEADER` order. */
export const csvRow = (r: NpsResponse): string =>
  csvLine([
    r.id,
    r.survey,
    r.at,
    r.score,
    r.category,
    r.comment,
    r.locale,
    r.page,
    r.device,
    r.consentVersion,
    r.segment && JSON.stringify(r.segment),
    r.sdk,
  ]);
