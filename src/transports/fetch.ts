import type { Timers } from '../lib/timers.js';

/** What an endpoint answered: `status` 0 is a network error or a timeout. */
export interface SendResult {
  status: number;
  retryAfter?: string | null;
  /** The record id a 400/422 names (collector: `{ "error": …, "id": … }`). */
  badId?: string;
  /** The endpoint's `error` sentence on a 400/422/403, at most 200 characters. */
  message?: string;
  /** A problem no retry in this page can fix (a redirect, no native bridge): the route pauses with this message. */
  fatal?: string;
  /** The browser refused to start the request (it never left). */
  refused?: boolean;
}

/** Requests longer than this are aborted and retried later. */
export const FETCH_TIMEOUT_MS = 15_000;

/**
 * POSTs a batch as text/plain JSON: a CORS "simple" request, so no preflight
 * and no custom header (a DELETE that withdraws an answer is not simple: the browser asks first). No cookies, no Referer, no redirects followed. `keepalive` lets it outlive
 * the page (≤ 64 KB in flight per page, browsers' limit).
 */
export async function fetchSend(
  url: string,
  body: string,
  keepalive: boolean,
  timers: Timers,
  method: 'POST' | 'DELETE' = 'POST',
): Promise<SendResult> {
  const abort = new AbortController();
  let pending: Promise<Response>;
  try {
    pending = fetch(url, {
      method,
      body,
      keepalive,
      signal: abort.signal,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      // A 3xx is never an acknowledgement: where the answers landed is unknown.
      redirect: 'manual',
    });
  } catch (error) {
    // The browser refused the request outright (e.g. keepalive unsupported): it never left.
    return { status: 0, message: String((error as Error)?.message ?? error), refused: true };
  }
  const timer = timers.setTimeout(() => abort.abort(), FETCH_TIMEOUT_MS);
  try {
    const res = await pending;
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      return {
        status: res.status,
        fatal: `the endpoint ${url} redirected (a redirect is not a delivery): configure its final URL`,
      };
    }
    const result: SendResult = { status: res.status, retryAfter: res.headers.get('retry-after') };
    // 400/422 name the bad record; a 403 says what the collector refuses (an origin, a survey).
    if (res.status === 400 || res.status === 422 || res.status === 403) {
      try {
        const json = (await res.json()) as { id?: unknown; error?: unknown };
        if (typeof json.id === 'string') result.badId = json.id;
        if (typeof json.error === 'string') result.message = json.error.slice(0, 200);
      } catch {
        // Not JSON: the flusher splits the batch to find the bad record.
      }
    }
    return result;
  } catch (error) {
    return { status: 0, message: abort.signal.aborted ? 'timeout' : String((error as Error)?.message ?? error) };
  } finally {
    timers.clearTimeout(timer);
  }
}
