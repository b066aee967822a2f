import {
  act,
  Component,
  createElement,
  Fragment,
  StrictMode,
  useEffect,
  type ReactElement,
  type ReactNode,
} from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ConfigInput, NpsInstance } from '../../src/index.js';
import { NpsPrompt, useNps, type NpsEventHandlers } from '../../src/react/index.js';
import { button, shadow, tap } from './helpers.js';

// React's act() expects to be told it runs in a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const endpoint = 'https://collect.acme.test/v1/responses';
const hosts = () => [...document.querySelectorAll('candor-nps')];
/** Until the prompt is on the page (it shows on a timer, after `rules.delayMs`, here 0). */
const prompt = () => vi.waitFor(() => shadow());
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What `useNps` returned at each render of <Probe>. */
let seen: (NpsInstance | null)[];
function Probe({ config, events }: { config: ConfigInput; events?: NpsEventHandlers }) {
  seen.push(useNps(config, events));
  return null;
}
const probe = (config: ConfigInput, events?: NpsEventHandlers) => createElement(Probe, { config, events });
const current = () => seen[seen.length - 1] ?? null;

let container: HTMLElement;
let root: Root;
const render = (element: ReactElement) => act(async () => root.render(element));

beforeEach(() => {
  // The throttle record: each test starts as a first visit.
  localStorage.clear();
  seen = [];
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(async () => {
  await act(async () => root.unmount());
  vi.useRealTimers();
});

// Compile-time (tsc -p test/tsconfig.json): handlers are typed by the widget's events.
// @ts-expect-error there is no such event
void ({ shwon: () => {} } satisfies NpsEventHandlers);
// @ts-expect-error `submit` hands over a response, whose score is a number
void ({ submit: (response: { score: string }) => response } satisfies NpsEventHandlers);

describe('candor-nps/react', () => {
  test('<NpsPrompt> shows the widget’s prompt after mount and renders nothing itself', async () => {
    await render(createElement(NpsPrompt, { survey: 'home', endpoint }));
    expect(container.innerHTML).toBe('');
    await prompt();
    expect(hosts()).toHaveLength(1);
    expect(container.contains(hosts()[0]!)).toBe(false);
    expect(button("Yes, I'll answer")).toBeTruthy();
  });

  test('useNps returns null on the first render, then the running instance', async () => {
    await render(probe({ survey: 'home', endpoint }));
    expect(seen[0]).toBeNull();
    expect(current()?.config).toMatchObject({ survey: 'home', endpoint });
  });

  test('under StrictMode (mount, unmount, mount) one prompt and one live instance remain', async () => {
    const added: Node[] = [];
    const watch = new MutationObserver((records) =>
      records.forEach((r) => added.push(...[...r.addedNodes].filter((n) => n.nodeName === 'CANDOR-NPS'))),
    );
    watch.observe(document.body, { childList: true });
    await render(createElement(StrictMode, null, probe({ survey: 'home', endpoint })));
    await prompt();
    const live = current()!;
    expect(new Set(seen.filter(Boolean))).toEqual(new Set([live]));
    // One prompt at a time: a second live instance would draw its card as soon as this one
    // closes. None does, so the instance of the first mount was destroyed.
    await act(async () => live.hide());
    await pause(50);
    expect(hosts()).toHaveLength(0);
    expect(added).toHaveLength(1);
    expect(live.show()).toBe(true);
    expect(hosts()).toHaveLength(1);
    watch.disconnect();
  });

  test('unmounting removes the prompt and destroys the instance', async () => {
    await render(probe({ survey: 'home', endpoint }));
    await prompt();
    const nps = current()!;
    await act(async () => root.unmount());
    expect(hosts()).toHaveLength(0);
    // A destroyed instance never shows again.
    expect(nps.show()).toBe(false);
    await pause(20);
    expect(hosts()).toHaveLength(0);
  });

  test('an equal config written anew at each render keeps the instance (keys in any order, same functions)', async () => {
    const transport = async () => {};
    await render(probe({ survey: 'home', transport, rules: { delayMs: 0, sample: 1 } }));
    await prompt();
    const first = current()!;
    const card = hosts()[0];
    await render(probe({ rules: { sample: 1, delayMs: 0 }, transport, survey: 'home' }));
    await render(probe({ survey: 'home', transport, rules: { delayMs: 0, sample: 1 }, debug: undefined }));
    expect(seen.slice(1)).toEqual(seen.slice(1).map(() => first));
    expect(hosts()).toEqual([card]);
    expect(first.show()).toBe(true);
  });

  test.each([
    ['survey', { survey: 'pricing' }],
    ['endpoint', { endpoint: 'https://collect.acme.test/v2/responses' }],
    ['transport function (compared by identity)', { transport: async () => {} }],
  ])('a changed %s destroys the instance and creates a new one', async (_, change) => {
    const transport = async () => {};
    await render(probe({ survey: 'home', endpoint, transport }));
    const old = current()!;
    const before = seen.length;
    await render(probe({ survey: 'home', endpoint, transport, ...change }));
    const now = current()!;
    expect(now).not.toBe(old);
    expect(now.config).toMatchObject(change);
    expect(old.show()).toBe(false);
    // The old instance is never handed out with the new config.
    expect(seen.slice(before)).not.toContain(old);
  });

  test('new handler functions re-create nothing, and the latest one is called', async () => {
    const calls: string[] = [];
    const prompted = (tag: string) =>
      createElement(NpsPrompt, {
        survey: 'home',
        endpoint,
        events: {
          shown: ({ survey }) => calls.push(`${tag}: shown ${survey}`),
          consent: ({ granted }) => calls.push(`${tag}: consent ${granted}`),
        },
      });
    await render(prompted('first'));
    await prompt();
    const card = hosts()[0];
    await render(prompted('second'));
    await render(prompted('third'));
    expect(hosts()).toEqual([card]);
    await tap(button("Yes, I'll answer"));
    expect(calls).toEqual(['first: shown home', 'third: consent true']);
  });

  test('handlers hear the first events, even when the prompt shows before React renders again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const shown = vi.fn();
    // A later sibling's effect runs after useNps's, in the same commit: the rules' timer fires
    // there, before the re-render that hands out the instance (as on a busy page).
    function Elapse() {
      useEffect(() => void vi.advanceTimersByTime(0), []);
      return null;
    }
    await render(createElement(Fragment, null, probe({ survey: 'home', endpoint }, { shown }), createElement(Elapse)));
    expect(hosts()).toHaveLength(1);
    expect(shown).toHaveBeenCalledExactlyOnceWith({ survey: 'home' });
  });

  test('a bad config reaches the nearest error boundary, and nothing is drawn', async () => {
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    class Boundary extends Component<{ children: ReactNode }, { error?: Error }> {
      override state: { error?: Error } = {};
      static getDerivedStateFromError(error: Error) {
        return { error };
      }
      override render() {
        return this.state.error ? createElement('p', null, this.state.error.name) : this.props.children;
      }
    }
    await render(createElement(Boundary, null, probe({ survey: 'Home page', endpoint })));
    expect(container.textContent).toBe('CandorConfigError');
    await pause(20);
    expect(hosts()).toHaveLength(0);
    reported.mockRestore();
  });

  test('a handler added after the start is subscribed, and a removed one is no longer called', async () => {
    const consent = vi.fn();
    await render(probe({ survey: 'home', endpoint }));
    const nps = current()!;
    await render(probe({ survey: 'home', endpoint }, { consent }));
    await prompt();
    await tap(button("Yes, I'll answer"));
    expect(consent).toHaveBeenCalledExactlyOnceWith({ granted: true });
    expect(current()).toBe(nps);

    await render(probe({ survey: 'home', endpoint }, {}));
    nps.hide();
    nps.show({ force: true });
    await tap(button('No thanks'));
    expect(consent).toHaveBeenCalledOnce();
  });
});
