/** How long one POST to the webhook may take, from connecting to the end of its answer. */
export const POST_TIMEOUT_MS = 10_000;
/** The longest Retry-After heeded (a receiver asking for more is asked again then). */
const MAX_RETRY_AFTER_MS = 3_600_000;

/** What became of one POST: sent; or failed, and whether trying again later may help. */
export type PostOutcome =
  { ok: true } | { ok: false; retry: boolean; error: string; status?: number; retryAfterMs?: number };

/** Statuses worth another attempt: the receiver was busy, slow or broken for a while (any 5xx). */
const transient = (status: number) => status >= 500 || status === 408 || status === 425 || status === 429;

/** Retry-After in seconds, as a delay in ms (a date is read too); undefined when absent or unreadable. */
function retryAfterOf(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}

/**
 * POSTs `body` as JSON to `url`, with the collector's own User-Agent and nothing of the people who
 * answered (no address, no user agent). A redirect is not followed (it would say the URL is wrong,
 * and would carry the body elsewhere); a 4xx other than 408, 425 and 429 is not retried (the
 * receiver refuses the message itself). Never throws.
 */
export async function postJson(url: string, body: unknown, signal: AbortSignal): Promise<PostOutcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'candor-collector' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(POST_TIMEOUT_MS)]),
    });
    // Not read: whatever the receiver answers, however long.
    await res.body?.cancel().catch(() => undefined);
    if (res.ok) return { ok: true };
    const { status } = res;
    const retryAfterMs = retryAfterOf(res.headers.get('retry-after'), Date.now());
    if (status >= 300 && status < 400)
      return {
        ok: false,
        retry: false,
        status,
        error: `a redirect (${status}): CANDOR_WEBHOOK_URL must be the final address`,
      };
    return {
      ok: false,
      retry: transient(status),
      status,
      error: `HTTP ${status}`,
      ...(retryAfterMs && { retryAfterMs }),
    };
  } catch (error) {
    // A refused connection, a name that does not resolve, a timeout: worth trying again. The cause
    // (e.g. "connect ECONNREFUSED 10.0.0.5:443": the host at most), never the error's own message,
    // which could hold the URL.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, retry: true, error: cause?.code ?? cause?.message ?? (error as Error).name };
  }
}
