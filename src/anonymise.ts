import type { Config } from './config.js';
import type { Device, NpsResponse } from './response.js';
import { categoryOf } from './lib/category.js';
import { uuid } from './lib/uuid.js';
import { redact } from './redact.js';
import { VERSION } from './version.js';

/** What the response builder reads from the page; pass your own in tests. */
export interface PageFacts {
  now: number;
  /** `location.pathname` */
  path: string;
  /** The language the prompt was shown in (BCP 47). */
  lang: string;
  width: number;
  coarse: boolean;
}

/** Reads the facts from the live page. */
export const pageFacts = (lang: string, now = Date.now()): PageFacts => ({
  now,
  path: location.pathname,
  lang,
  width: innerWidth,
  coarse: !!globalThis.matchMedia?.('(pointer: coarse)').matches,
});

// A path segment that identifies someone or something: digits, UUIDs, long hex,
// base64-ish tokens (long, with digits), e-mail addresses.
const ID_SEGMENT = /^(\d+|[0-9a-f]{8}(-?[0-9a-f]{4}){3}-?[0-9a-f]{12}|[0-9a-f]{12,}|(?=.*\d)[\w-]{16,}|.+@.+)$/i;

/** The path alone, id-like segments as `:id`, at most 200 characters. */
export function anonymisePath(path: string): string {
  const clean = path
    .split(/[?#]/)[0]!
    .split('/')
    .map((segment) => {
      let s = segment;
      try {
        s = decodeURIComponent(segment);
      } catch {
        // A malformed escape is kept as it is.
      }
      return ID_SEGMENT.test(s) ? ':id' : segment;
    })
    .join('/');
  return (clean.startsWith('/') ? clean : `/${clean}`).slice(0, 200);
}

/** Mobile or tablet by a coarse pointer and the viewport width; desktop otherwise. */
export const deviceOf = (width: number, coarse: boolean): Device =>
  !coarse ? 'desktop' : width < 600 ? 'mobile' : 'tablet';

/** The hour of `now`, UTC, as "2026-11-22T22:00:00Z": minutes would help re-identify. */
export const hourOf = (now: number): string => new Date(now - (now % 3_600_000)).toISOString().slice(0, 13) + ':00:00Z';

/**
 * Builds the allowlisted, anonymised response for one answer. The comment is
 * redacted here, on the device, before anything stores it.
 */
export function buildResponse(
  config: Config,
  answer: { score: number; comment?: string | undefined; consentVersion: string },
  facts: PageFacts,
): NpsResponse {
  const comment = answer.comment && redact(answer.comment).trim().slice(0, 1000);
  return {
    id: uuid(),
    survey: config.survey,
    score: answer.score,
    ...(comment ? { comment } : {}),
    category: categoryOf(answer.score),
    locale: facts.lang.toLowerCase().split('-')[0]!,
    page: anonymisePath(facts.path),
    device: deviceOf(facts.width, facts.coarse),
    at: hourOf(facts.now),
    consentVersion: answer.consentVersion,
    ...(config.segment ? { segment: config.segment } : {}),
    sdk: VERSION,
  };
}
