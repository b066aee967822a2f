/**
 * A Retry-After header (seconds or an HTTP date) as a delay in ms, clamped to
 * 1 s – 1 h; `undefined` when absent or unreadable (then normal backoff applies).
 */
export function retryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.min(3_600_000, Math.max(1000, ms));
}
