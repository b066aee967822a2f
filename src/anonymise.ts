import type { Config } from './config.js';
import type { Device, NpsResponse } from './response.js';
import { categoryOf } from './lib/category.js';
import { anonymisePath } from './lib/anonymisePath.js';
import { cleanComment } from './lib/cleanComment.js';
import { hourOf } from './lib/hourOf.js';
import { uuid } from './lib/uuid.js';
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

/** Mobile or tablet by a coarse pointer and the viewport width; desktop otherwise. */
export const deviceOf = (width: number, coarse: boolean): Device =>
  !coarse ? 'desktop' : width < 600 ? 'mobile' : 'tablet';

/**
 * Builds the allowlisted, anonymised response for one answer. The comment is
 * cleaned (control characters, personal data) here, on the device, before
 * anything stores it.
 */
export function buildResponse(
  config: Config,
  answer: { score: number; comment?: string | undefined; consentVersion: string },
  facts: PageFacts,
): NpsResponse {
  const comment = answer.comment && cleanComment(answer.comment).trim();
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
