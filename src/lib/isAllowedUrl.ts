import { isLocalHost } from './isLocalHost.js';

/**
 * An absolute https URL, or http on a local host (see `isLocalHost`), with no
 * credentials in it. Used for `endpoint` and `consent.policyUrl`.
 */
export function isAllowedUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname));
}
