// Functions the cross-engine tests run in a page (`page.evaluate(fn, arg)`)
// on pages/bare.html before they add /dist/candor.js: WebDriver classic has
// no init scripts, so a page is prepared first and Candor loaded after.

/** The ways IndexedDB fails in fault scenario 14. */
export type BrokenIndexedDB = 'null' | 'open throws' | 'open hangs';

/** Breaks IndexedDB for this page: gone (`indexedDB` is null), `open()` throwing, or `open()` never answering. */
export function breakIndexedDB(how: BrokenIndexedDB) {
  if (how === 'null') {
    Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => null });
  } else if (how === 'open throws') {
    IDBFactory.prototype.open = function () {
      throw new DOMException('The operation failed for reasons unrelated to the database', 'UnknownError');
    };
  } else {
    IDBFactory.prototype.open = function () {
      return {} as IDBOpenDBRequest;
    };
  }
}

/**
 * Moves this page's wall clock `ms` ahead (`Date.now()` and `new Date()`):
 * the page starts that much later than the previous one. Timers run in real
 * time. For the next start after a crash in WebKit, whose frozen page still
 * holds its Web Lock: the page sees the frozen page's 30 s lease run out.
 */
export function laterClock(ms: number) {
  const RealDate = Date;
  class LaterDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + ms);
      else super(...(args as [string]));
    }
    static override now() {
      return RealDate.now() + ms;
    }
  }
  window.Date = LaterDate as DateConstructor;
}

/** Adds `<script src>` to the page and resolves once it has run. */
export function addScript(src: string) {
  return new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });
}
