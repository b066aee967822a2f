/**
 * Hands a batch to `navigator.sendBeacon` as text/plain (no preflight). There
 * is no acknowledgement: the records stay in the outbox and are sent again
 * later; the server dedupes by id. False when the browser refused it.
 */
export function beaconSend(url: string, body: string): boolean {
  try {
    return navigator.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
  } catch {
    return false;
  }
}
