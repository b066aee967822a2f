import { expect } from 'vitest';

// The privacy audit's in-page recorder and its check (DESIGN "Consent and
// privacy rules"), shared by the Chromium audit (faults.test.ts) and the
// cross-engine one (engines.page.test.ts).

/** What a page did with storage and the network, as recorded by `audit`. */
export interface Audit {
  idbOpen: string[];
  setItem: [string, string][];
  fetch: string[];
  beacon: string[];
  xhr: string[];
  cookie: string[];
}

/**
 * Runs in a page before candor.js: records every storage open or write and
 * every way a page can send something in `window.__audit`.
 */
export function audit() {
  const log: Audit = { idbOpen: [], setItem: [], fetch: [], beacon: [], xhr: [], cookie: [] };
  (window as unknown as { __audit: Audit }).__audit = log;
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name: string, version?: number) {
    log.idbOpen.push(name);
    return version === undefined ? open.call(this, name) : open.call(this, name, version);
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key: string, value: string) {
    log.setItem.push([key, value]);
    return setItem.call(this, key, value);
  };
  const realFetch = window.fetch;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    log.fetch.push(input instanceof Request ? input.url : String(input));
    return realFetch.call(this, input, init);
  } as typeof fetch;
  const beacon = Navigator.prototype.sendBeacon;
  Navigator.prototype.sendBeacon = function (url: string | URL, data?: BodyInit | null) {
    log.beacon.push(String(url));
    return beacon.call(this, url, data);
  };
  const xhrOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    log.xhr.push(String(args[1]));
    return (xhrOpen as (...a: unknown[]) => void).apply(this, args);
  } as typeof xhrOpen;
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() {
      return cookie.get!.call(this);
    },
    set(value: string) {
      log.cookie.push(value);
      cookie.set!.call(this, value);
    },
  });
}

/**
 * Runs in a page: the tab is hidden, then hidden for good (the unload
 * signals), while the page can still be read.
 */
export function hideForGood() {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
  dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
}

/** Only the throttle record (timestamps and a counter, no identifier) may be stored before consent. */
export const onlyThrottle = (writes: [string, string][]) => {
  for (const [key, value] of writes) {
    expect(key).toBe('candor');
    for (const entry of Object.values(JSON.parse(value) as Record<string, Record<string, unknown>>)) {
      for (const [field, v] of Object.entries(entry)) {
        expect(['shownAt', 'dismissedAt', 'answeredAt', 'pageViews']).toContain(field);
        expect(typeof v).toBe('number');
      }
    }
  }
};
