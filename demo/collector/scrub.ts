import { anonymisePath } from '../../src/lib/anonymisePath.js';
import { cleanComment } from '../../src/lib/cleanComment.js';
import { hourOf } from '../../src/lib/hourOf.js';
import type { NpsResponse } from './storage/types.js';

/** The earliest `at` kept: older than any Candor release, so only a wrong clock says it. */
const EARLIEST = Date.parse('2020-01-01T00:00:00Z');
const DAY = 86_400_000;

/**
 * A valid response as the collector stores it, whatever the client did on the
 * device: the comment cleaned by the widget's own `cleanComment` (redacted,
 * at most 1,000 characters; dropped if nothing is left), the page
 * scrubbed by the widget's own `anonymisePath`, and an `at` before 2020 or
 * more than a day after `arrival` (a device with a wrong clock) replaced by
 * the arrival's hour, so the answer is kept with a plausible time. What the
 * widget built comes out unchanged.
 */
export function scrub(r: NpsResponse, arrival: number): NpsResponse {
  const { comment, ...rest } = r;
  const clean = comment === undefined ? '' : cleanComment(comment);
  const at = Date.parse(r.at);
  return {
    ...rest,
    ...(clean && { comment: clean }),
    page: anonymisePath(r.page),
    at: at >= EARLIEST && at <= arrival + DAY ? r.at : hourOf(arrival),
  };
}
