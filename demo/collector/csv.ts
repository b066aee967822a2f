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

/**
 * One CSV cell (RFC 4180). Text starting with = + - @ (or a tab or carriage
 * return) gets a leading ' so a spreadsheet shows it instead of running it as
 * a formula: comments are written by strangers (OWASP "CSV injection").
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
