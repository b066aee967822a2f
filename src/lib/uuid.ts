/**
 * A random UUID v4. `crypto.randomUUID` exists only in secure contexts, so an
 * http page on a LAN address falls back to `getRandomValues` (always there).
 */
export const uuid = (): string =>
  crypto.randomUUID?.() ??
  // Each x becomes a random hex digit; the y keeps the RFC 4122 variant bits 10xx.
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = crypto.getRandomValues(new Uint8Array(1))[0]! & 15;
    return (c === 'x' ? r : (r & 3) | 8).toString(16);
  });
