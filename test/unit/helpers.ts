import { afterEach, beforeEach, vi } from 'vitest';
import type { NpsInstance } from '../../src/index.js';

/** The open shadow root of the (single) Candor host on the page. */
export function shadow(): ShadowRoot {
  const host = document.querySelector('candor-nps');
  if (!host?.shadowRoot) throw new Error('no Candor prompt on the page');
  return host.shadowRoot;
}

/** The element in the prompt matching `selector`. */
export function $(selector: string): HTMLElement {
  const el = shadow().querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  return el;
}

/** The button in the prompt whose text is `text`. */
export function button(text: string): HTMLButtonElement {
  const found = [...shadow().querySelectorAll('button')].find((b) => b.textContent === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

/** Lets preact apply state changes (it renders on a microtask). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.resolve();
}

/** A pointer click (detail 1), as opposed to a keyboard-made click (detail 0). */
export async function tap(el: Element): Promise<void> {
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
  await settle();
}

/** Presses a key on the element that has focus inside the prompt (or on `el`). */
export async function press(key: string, el: Element | null = shadow().activeElement): Promise<void> {
  if (!el) throw new Error('nothing is focused in the prompt');
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  await settle();
}

/** The radio buttons of the score scale. */
export function radios(): HTMLElement[] {
  return [...shadow().querySelectorAll<HTMLElement>('[role="radio"]')];
}

/**
 * The instances a test file starts: each test begins with no throttle record,
 * and after it every instance is destroyed, the page emptied, stubbed globals
 * and fake timers undone. Call at the top of a file.
 */
export function instances(): NpsInstance[] {
  const started: NpsInstance[] = [];
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    started.splice(0).forEach((nps) => nps.destroy());
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
  return started;
}

/** Shows the card and walks it: consent, the score `score`, "Skip" at the follow-up. */
export async function answerInCard(nps: NpsInstance, score: number): Promise<void> {
  nps.show({ force: true });
  await vi.waitFor(() => shadow().querySelector('h2') ?? Promise.reject(new Error('no prompt yet')));
  await tap(button("Yes, I'll answer"));
  await tap(radios()[score]!);
  await vi.waitFor(() => shadow().querySelector('textarea') ?? Promise.reject(new Error('no follow-up yet')));
  await tap(button('Skip'));
}
