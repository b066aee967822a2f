import type { Config } from './config.js';
import type { ThrottleEntry } from './throttle.js';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** Why the prompt does not show now; undefined when it may. */
export type Blocked = 'url' | 'pageViews' | 'sample' | 'answered' | 'dismissed';

/**
 * Whether a path matches a rule: without `*`, the pattern is a path prefix
 * that ends at a segment boundary ("/app" matches "/app" and "/app/x", not
 * "/apple"); with `*`, the whole path must match and `*` stands for any run
 * of characters ("/docs/*" and "/*\/settings").
 */
export function pathMatches(path: string, pattern: string): boolean {
  if (!pattern.includes('*')) {
    const base = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
    return path === base || path === pattern || path.startsWith(`${base}/`);
  }
  const parts = pattern.split('*');
  if (!path.startsWith(parts[0]!)) return false;
  let at = parts[0]!.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = path.indexOf(parts[i]!, at);
    if (found < 0) return false;
    at = found + parts[i]!.length;
  }
  const last = parts.at(-1)!;
  return path.length - last.length >= at && path.endsWith(last);
}

/** `urlIncludes` (any, when given) and `urlExcludes` (none) on the page path. */
export function urlAllowed(path: string, rules: Config['rules']): boolean {
  const { urlIncludes: yes, urlExcludes: no } = rules;
  return (!yes?.length || yes.some((p) => pathMatches(path, p))) && !no?.some((p) => pathMatches(path, p));
}

/**
 * A stored time, as seen from `now`: a time in the future (the clock went
 * back, or was wrong when it was written) counts as now, so a throttle lasts
 * at most its own length from today and never becomes permanent.
 */
export const seen = (at: number | undefined, now: number) => (at === undefined ? undefined : Math.min(at, now));

/** An answer or a dismissal recent enough to keep the prompt away. */
export function throttled(entry: ThrottleEntry | undefined, rules: Config['rules'], now: number): Blocked | undefined {
  const answered = seen(entry?.answeredAt, now);
  const dismissed = seen(entry?.dismissedAt, now);
  if (answered !== undefined && now - answered < rules.resurveyDays * DAY) return 'answered';
  if (dismissed !== undefined && now - dismissed < rules.dismissDays * DAY) return 'dismissed';
  return undefined;
}

/** Whether this page load is in the sample: decided once, with crypto randomness. */
export function inSample(rate: number, random = cryptoUnit): boolean {
  return rate >= 1 || (rate > 0 && random() < rate);
}

const cryptoUnit = () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;

/**
 * Every rule at once, for a prompt that would appear by itself: the page,
 * the page-view count (this view included), the sample and the throttle.
 */
export function blocked(
  rules: Config['rules'],
  facts: { path: string; entry: ThrottleEntry | undefined; now: number; sampled: boolean },
): Blocked | undefined {
  if (!urlAllowed(facts.path, rules)) return 'url';
  if ((facts.entry?.pageViews ?? 0) < rules.minPageViews) return 'pageViews';
  if (!facts.sampled) return 'sample';
  return throttled(facts.entry, rules, facts.now);
}
