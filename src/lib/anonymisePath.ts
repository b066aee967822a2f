import { cut } from './cut.js';

// A path segment that identifies someone or something: digits, UUIDs, long hex,
// base64-ish tokens (long, with digits), e-mail addresses.
const ID_SEGMENT = /^(\d+|[0-9a-f]{8}(-?[0-9a-f]{4}){3}-?[0-9a-f]{12}|[0-9a-f]{12,}|(?=.*\d)[\w-]{16,}|.+@.+)$/i;

/**
 * The path alone, id-like segments as `:id`, at most 200 characters. The
 * widget runs it on `location.pathname`; the collector runs it again on what
 * it receives, so a client that skips the widget stores no ids either.
 */
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
  return cut(clean.startsWith('/') ? clean : `/${clean}`, 200);
}
