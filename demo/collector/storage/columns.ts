import type { NpsResponse } from './types.js';

/** The columns a read returns, in CSV order; both databases select them as these names. */
export const COLUMNS = 'id, survey, at, score, category, comment, locale, page, device, consent_version, segment, sdk';

/** A row as both databases return it: `at` as "YYYY-MM-DDTHH:00:00Z", `segment` as JSON text. */
export interface DbRow {
  id: string;
  survey: string;
  at: string;
  score: number;
  category: NpsResponse['category'];
  comment: string | null;
  locale: string;
  page: string;
  device: NpsResponse['device'];
  consent_version: string;
  segment: string | null;
  sdk: string;
}

/** A stored row back in the wire shape (absent optional fields stay absent). */
export function toResponse(row: DbRow): NpsResponse {
  const { consent_version, comment, segment, ...rest } = row;
  return {
    ...rest,
    consentVersion: consent_version,
    ...(comment !== null && { comment }),
    ...(segment !== null && { segment: JSON.parse(segment) as Record<string, string> }),
  };
}

/** A response as column values, in `COLUMNS` order plus `received_on` and `proof` (never read back). */
export const toValues = (r: NpsResponse, receivedOn: string) => [
  r.id,
  r.survey,
  r.at,
  r.score,
  r.category,
  r.comment ?? null,
  r.locale,
  r.page,
  r.device,
  r.consentVersion,
  r.segment ? JSON.stringify(r.segment) : null,
  r.sdk,
  receivedOn,
  r.proof ?? null,
];
