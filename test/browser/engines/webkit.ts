import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { poll } from './poll.js';
import { commandLine, descendants, rendererOf, signal } from './processes.js';
import { call, ELEMENT, SHADOW, startDriver, WebDriverError } from './webdriver.js';
import { startXvfb } from './xvfb.js';
import type { Browser, Key, Page } from './types.js';

// WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver classic),
// on its own Xvfb display and with a temporary HOME.
//
// An automation session keeps its storage in memory only, for the session's
// life: the app's next start is therefore a new window in the same session,
// and the session's first window stays open at about:blank so that closing
// every page never ends the session.
//
// A crash cannot be a kill here: when any web process of an automation
// session dies, WebKit ends the session ("session deleted because of page
// crash or hang"), and its storage with it. So a crash freezes the page's
// WebKitWebProcess for good with SIGSTOP: from the page's side the same as a
// kill (no pagehide, no unload, nothing more runs, its requests never
// answered), while the session and its storage live on. Each window has its
// own web process; `rendererOf` finds its pid. Frozen processes are killed
// when the browser closes. What a frozen page still holds (its Web Lock, its
// 30 s lease) is held until then, as a frozen tab's would be.

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';

const KEYS: Record<Key, string> = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  ArrowLeft: '\uE012',
  ArrowRight: '\uE014',
  Space: '\uE00D',
};

/** The source sent to `execute/async`: runs `fn(...args)` and reports its value or error. */
const script = (fn: string) => `
  const done = arguments[arguments.length - 1];
  const args = Array.prototype.slice.call(arguments, 0, -1);
  Promise.resolve()
    .then(() => (${fn}).apply(null, args))
    .then(
      (value) => done({ value: value === undefined ? null : value }),
      (error) => done({ error: error && error.name ? error.name + ': ' + error.message : String(error) }),
    );`;

/** Starts Xvfb, WebKitWebDriver and a MiniBrowser session. */
export async function launchWebKit(): Promise<Browser> {
  const home = mkdtempSync(join(tmpdir(), 'candor-webkit-home-'));
  const x = await startXvfb();
  const driver = await startDriver(WEBKIT_DRIVER, { ...process.env, HOME: home, DISPLAY: x.display }).catch((error) => {
    x.stop();
    throw error;
  });
  const driverPid = driver.process.pid!;
  const teardown = () => {
    signal(
      descendants(driverPid).filter((pid) => pid !== driverPid),
      'SIGKILL',
    );
    driver.process.kill('SIGTERM');
    x.stop();
    rmSync(home, { recursive: true, force: true });
  };
  // Without a display, session creation hangs with no error: hence the timeout.
  const session = await call<{ sessionId: string }>(
    driver.url,
    'POST',
    '/session',
    {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { args: ['--automation'] },
          timeouts: { script: 60_000, pageLoad: 30_000, implicit: 0 },
        },
      },
    },
    30_000,
  ).catch((error) => {
    teardown();
    throw error;
  });
  const base = `${driver.url}/session/${session.sessionId}`;
  const keeper = await call<string>(base, 'GET', '/window');
  let current: string | undefined = keeper;
  const frozen: number[] = [];
  const live = new Map<string, Page>();

  // One command at a time: each targets the session's current window.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => {});
    return next;
  };
  const focus = async (handle: string) => {
    if (current !== handle) await call(base, 'POST', '/window', { handle });
    current = handle;
  };
  const inWindow = <T>(handle: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    serial(async () => {
      await focus(handle);
      return call<T>(base, method, path, body);
    });
  const webProcesses = () => descendants(driverPid).filter((pid) => commandLine(pid)[0]?.endsWith('/WebKitWebProcess'));

  /** Finds `host >>> inner` (each step inside the previous one's shadow root); null while it does not exist. */
  const find = (handle: string, selector: string) =>
    serial(async () => {
      await focus(handle);
      let element: string | undefined;
      for (const part of selector.split(' >>> ')) {
        const scope = element
          ? `/shadow/${(await call<Record<string, string>>(base, 'GET', `/element/${element}/shadow`))[SHADOW]}`
          : '';
        const found = await call<Record<string, string>>(base, 'POST', `${scope}/element`, {
          using: 'css selector',
          value: part,
        }).catch((error) => {
          if (error instanceof WebDriverError && /no such (element|shadow root)/.test(error.code)) return null;
          throw error;
        });
        if (!found) return null;
        element = found[ELEMENT];
      }
      return element ?? null;
    });

  const open = (handle: string): Page => {
    let dead = false;
    const alive = () => {
      if (dead) throw new Error('this WebKit page was crashed or closed');
    };
    const keys = (values: string[]) =>
      inWindow(handle, 'POST', '/actions', {
        actions: [
          {
            type: 'key',
            id: 'keyboard',
            actions: values.flatMap((value) => [
              { type: 'keyDown', value },
              { type: 'keyUp', value },
            ]),
          },
        ],
      });
    const page: Page = {
      goto: async (url) => (alive(), void (await inWindow(handle, 'POST', '/url', { url }))),
      async evaluate(fn, arg) {
        alive();
        const result = await inWindow<{ value?: never; error?: string }>(handle, 'POST', '/execute/async', {
          script: script(String(fn)),
          args: arg === undefined ? [] : [arg],
        });
        if (result.error !== undefined) throw new Error(`evaluate: ${result.error}`);
        return result.value as never;
      },
      waitFor: (fn, arg, timeout) => poll(page.evaluate, fn, arg, timeout),
      async click(selector) {
        alive();
        const until = Date.now() + 10_000;
        for (;;) {
          const element = await find(handle, selector);
          const clicked =
            element &&
            (await inWindow(handle, 'POST', `/element/${element}/click`).then(
              () => true,
              // Detached by a re-render between finding and clicking, or not yet interactable: find it again.
              (error) => {
                if (error instanceof WebDriverError && /stale|not interactable|intercepted/.test(error.code))
                  return false;
                throw error;
              },
            ));
          if (clicked) return;
          if (Date.now() > until) throw new Error(`click: nothing clickable matches ${selector} after 10 s`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      press: async (key) => (alive(), void (await keys([KEYS[key]]))),
      type: async (text) => (alive(), void (await keys([...text]))),
      async screenshot(path) {
        // Right after a change a screenshot can show the previous frame: let two frames pass first.
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)))),
        );
        const png = await inWindow<string>(handle, 'GET', '/screenshot');
        writeFileSync(path, Buffer.from(png, 'base64'));
      },
      async crash() {
        alive();
        const pid = await rendererOf(page, webProcesses);
        signal([pid], 'SIGSTOP');
        frozen.push(pid);
        dead = true;
        live.delete(handle);
      },
      async close() {
        if (dead) return;
        dead = true;
        live.delete(handle);
        await inWindow(handle, 'DELETE', '/window');
        current = undefined;
      },
    };
    live.set(handle, page);
    return page;
  };

  return {
    name: 'webkit',
    async newPage() {
      const { handle } = await serial(async () => {
        // A new window is made from the current one: use the keeper, never a frozen or closed window.
        await focus(keeper);
        return call<{ handle: string }>(base, 'POST', '/window/new', { type: 'window' });
      });
      return open(handle);
    },
    async kill() {
      for (const page of [...live.values()]) await page.crash();
    },
    async restart() {
      // The session (and its storage) stays: the previous run's pages close, new windows follow.
      for (const page of [...live.values()]) await page.close();
    },
    async close() {
      signal(frozen, 'SIGKILL');
      await call(base, 'DELETE', '', undefined, 10_000).catch(() => {});
      teardown();
    },
  };
}
