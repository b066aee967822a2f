// The small driver interface the cross-engine browser tests are written
// against: one implementation per engine in this folder (chromium.ts drives
// Debian's Chromium with playwright-core, webkit.ts drives WebKitGTK over
// W3C WebDriver classic, firefox.ts drives Firefox ESR over WebDriver BiDi
// with puppeteer-core). Only what the tests need.

/** The engines the cross-engine tests run in. */
export type EngineName = 'chromium' | 'webkit' | 'firefox';

/** The keys the tests press (keyboard walk). */
export type Key = 'Tab' | 'Enter' | 'Escape' | 'ArrowRight' | 'ArrowLeft' | 'Space';

/**
 * One top-level browsing context (a tab or window).
 *
 * Selectors are CSS; `host >>> inner` finds `inner` inside the open shadow
 * root of `host` (the widget draws in the shadow root of `<candor-nps>`).
 */
export interface Page {
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  /**
   * Runs `fn(arg)` in the page and resolves with its JSON result. `fn` travels
   * as source text: it must not use anything from the test's scope but `arg`.
   */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs `fn(arg)` in the page every 100 ms until it returns something truthy; rejects after `timeout` ms. */
  waitFor<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A, timeout?: number): Promise<R>;
  /** Clicks the element as a person would (real pointer input, `detail` 1), waiting up to 10 s for it to appear. */
  click(selector: string): Promise<void>;
  /** Presses and releases one key in whatever has focus. */
  press(key: Key): Promise<void>;
  /** Types text, key by key, into whatever has focus. */
  type(text: string): Promise<void>;
  /** Saves a PNG of the viewport. */
  screenshot(path: string): Promise<void>;
  /**
   * The page's renderer dies: no pagehide, no unload, nothing more runs in it.
   * The page can no longer be used (closing it is a no-op).
   */
  crash(): Promise<void>;
  /** Closes the tab as a person would (pagehide runs). */
  close(): Promise<void>;
}

/** A browser on one device: a profile whose storage outlives `restart()`. */
export interface Browser {
  readonly name: EngineName;
  /** Opens a new tab (window) at about:blank. */
  newPage(): Promise<Page>;
  /** The app is killed by the OS: no page hears pagehide. Every open page is unusable afterwards. */
  kill(): Promise<void>;
  /** The app's next start on the same device: storage is kept, the previous pages are gone. */
  restart(): Promise<void>;
  /** Ends the browser and everything it started. */
  close(): Promise<void>;
}
