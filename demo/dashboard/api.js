// The collector's read API, as the dashboard calls it: same origin, with the
// token (the admin's or a viewer's) when one is kept for this tab.

const TOKEN_KEY = 'candor-admin-token';

/** A read the collector refused or failed; `status` is the HTTP status (0: no answer). */
export class ReadError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.name = 'ReadError';
    this.status = status;
  }

  /** 401: the token is missing or wrong. */
  get needsToken() {
    return this.status === 401;
  }
}

/** The token for this page view when sessionStorage is unavailable (privacy modes). */
let inMemory;

/** The token (the admin's or a viewer's) kept for this tab, if any. */
export function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? inMemory;
  } catch {
    return inMemory;
  }
}

/** Keeps `token` for this tab, or forgets it when undefined. */
export function storeToken(token) {
  inMemory = token || undefined;
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Not kept: the token still works for this page view.
  }
}

/**
 * The link the collector prints carries the token in the fragment (`#token=…`),
 * which browsers never send to a server. Moves it into this tab's storage and
 * takes it out of the address bar and the history entry at once, so it is not
 * left on screen, in a bookmark or in a screenshot.
 */
export function takeTokenFromFragment(loc = location, hist = history) {
  const token = new URLSearchParams(loc.hash.slice(1)).get('token');
  if (!token) return;
  storeToken(token);
  hist.replaceState(hist.state, '', `${loc.pathname}${loc.search}`);
}

/** `/v1/surveys/<survey>/<what>?<params>` */
export function readUrl(survey, what, params = {}) {
  const query = new URLSearchParams(params).toString();
  return `/v1/surveys/${encodeURIComponent(survey)}/${what}${query ? `?${query}` : ''}`;
}

/** `/v1/contacts/<id>`: one contact, for the admin alone. */
export const contactUrl = (id) => `/v1/contacts/${encodeURIComponent(id)}`;

/**
 * GETs a read URL with the token (if given); resolves the Response when 2xx,
 * rejects with a `ReadError` carrying the collector's one-sentence `error` otherwise.
 */
export async function read(url, token, fetchImpl = fetch, method = 'GET') {
  let res;
  try {
    res = await fetchImpl(url, {
      method,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ReadError(0, 'The collector did not answer: is it still running?');
  }
  if (res.ok) return res;
  let message = `The collector answered ${res.status}.`;
  try {
    const body = await res.json();
    if (typeof body?.error === 'string') message = body.error;
  } catch {
    // Not JSON: keep the status sentence.
  }
  throw new ReadError(res.status, message);
}

/**
 * The summary, then — for the admin token (the summary's `role`) — the answers waiting for a reply
 * (the 100 newest) of `survey`; null for a viewer's token, which reads aggregates only. The
 * comments are loaded with their filters (comments.js).
 */
export async function loadReport({ survey, from, to }, token, fetchImpl = fetch) {
  const summary = await (await read(readUrl(survey, 'summary', { from, to }), token, fetchImpl)).json();
  if (summary.role !== 'admin') return { summary, replies: null };
  const replies = await (await read(readUrl(survey, 'replies', { limit: '100' }), token, fetchImpl)).json();
  return { summary, replies: replies.replies };
}

/** The breakdown of `survey`'s period by `by` (page, device, locale or segment.<key>). */
export async function loadBreakdown({ survey, from, to }, by, token, fetchImpl = fetch) {
  return (await read(readUrl(survey, 'breakdown', { by, from, to }), token, fetchImpl)).json();
}

/** The address of contact `id`: asked for only when the admin clicks "Show address", never kept. */
export async function revealContact(id, token, fetchImpl = fetch) {
  const { email } = await (await read(contactUrl(id), token, fetchImpl)).json();
  return email;
}

/** Deletes contact `id` once the team has replied (the collector answers 204, also when it is gone already). */
export async function deleteContact(id, token, fetchImpl = fetch) {
  await read(contactUrl(id), token, fetchImpl, 'DELETE');
}

/** The themes of one category (detractor, passive or promoter) of `survey`'s period. */
export async function loadThemes({ survey, from, to }, category, token, fetchImpl = fetch) {
  return (await read(readUrl(survey, 'themes', { category, from, to }), token, fetchImpl)).json();
}

/** Every survey with answers: NPS ± interval, answers and weekly trend of the period. */
export async function loadSurveys({ from, to }, token, fetchImpl = fetch) {
  return (await read(`/v1/surveys?${new URLSearchParams({ from, to })}`, token, fetchImpl)).json();
}
