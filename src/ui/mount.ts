import { h, render } from 'preact';
import type { Config } from '../config.js';
import { Card, type CardProps } from './Card.js';
import base from './styles.css?inline';
import fields from './fields.css?inline';
import { CLOSED } from '../lib/onScreen.js';
import { checkContrast } from './checkContrast.js';

const css = base + fields;

/** Where and how the card is drawn. */
export interface MountOptions {
  position: Config['position'];
  theme: Config['theme'];
  /** CSP nonce for the `<style>` fallback (browsers without constructable stylesheets). */
  nonce?: string | undefined;
  /** Warn in the console when the theme's colours fall below WCAG AA contrast. */
  debug?: boolean;
}

/** A mounted card; `unmount()` removes it and returns focus where it was. */
export interface Mounted {
  unmount(): void;
}

const TAG = 'candor-nps';
// One floating host per document, reused by every prompt (at most one Candor prompt is on screen).
const floatingHosts = new WeakMap<Document, HTMLElement>();
const sheets = new WeakMap<Document, CSSStyleSheet>();

/** The card's stylesheet for `doc`, parsed once (constructable stylesheets), or undefined where they are missing. */
export function sheetFor(doc: Document): CSSStyleSheet | undefined {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  // jsdom and older browsers lack constructable stylesheets: the card falls back to <style nonce>.
  if (!win || !('adoptedStyleSheets' in win.ShadowRoot.prototype) || !('replaceSync' in win.CSSStyleSheet.prototype))
    return undefined;
  let sheet = sheets.get(doc);
  if (!sheet) {
    sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(doc, sheet);
  }
  return sheet;
}

function adoptStyles(doc: Document, root: ShadowRoot, nonce?: string) {
  const sheet = sheetFor(doc);
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (!root.querySelector('style')) {
    const style = doc.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.prepend(style);
  }
}

function hostFor(doc: Document, position: Config['position']): HTMLElement | null {
  if (typeof position === 'object') {
    const target = doc.querySelector(position.inline);
    if (!target) return null;
    const host = doc.createElement(TAG);
    target.append(host);
    return host;
  }
  let host = floatingHosts.get(doc);
  if (!host?.isConnected) {
    host = doc.createElement(TAG);
    floatingHosts.set(doc, host);
    (doc.body ?? doc.documentElement).append(host);
  }
  return host;
}

/**
 * Draws the card in an open shadow root. Returns `null` when an inline target
 * selector matches nothing. Config strings reach the DOM only as text.
 */
export function mount(doc: Document, props: CardProps, options: MountOptions): Mounted | null {
  const host = hostFor(doc, options.position);
  if (!host) return null;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  adoptStyles(doc, root, options.nonce);

  const { theme, position } = options;
  // "auto" follows the system, live; one dark palette in the CSS serves both cases.
  const scheme = theme.dark === 'auto' ? doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)') : undefined;
  const paint = () => host.setAttribute('data-dark', String(scheme ? scheme.matches : theme.dark === true));
  paint();
  scheme?.addEventListener?.('change', paint);
  host.setAttribute('data-position', typeof position === 'string' ? position : 'inline');
  // CSSOM, not a style attribute: allowed under a strict style-src.
  const vars: [string, string | number | undefined][] = [
    ['accent', theme.accent],
    ['bg', theme.background],
    ['fg', theme.text],
    ['radius', theme.radius === undefined ? undefined : `${theme.radius}px`],
    ['font', theme.font],
  ];
  for (const [name, value] of vars) {
    if (value !== undefined) host.style.setProperty(`--candor-${name}`, String(value));
  }

  // An on-screen keyboard over the page: its height goes to --candor-keyboard, which lifts the bottom
  // sheet and shrinks a full-page prompt, so the comment box and its buttons stay in view.
  const win = doc.defaultView!;
  const vv = win.visualViewport;
  const fit = () => {
    const covered = Math.max(0, Math.round(win.innerHeight - vv!.height - vv!.offsetTop));
    host.style.setProperty('--candor-keyboard', `${covered}px`);
    if (covered) root.activeElement?.scrollIntoView({ block: 'nearest' });
  };
  vv?.addEventListener('resize', fit);

  let returnTo: HTMLElement | null = props.kind === 'modal' ? (doc.activeElement as HTMLElement | null) : null;
  const onFocusIn = (event: FocusEvent) => {
    const from = event.relatedTarget as HTMLElement | null;
    // Remember where focus came from outside the card (relatedTarget is not always retargeted).
    if (from?.isConnected && from !== host && from.getRootNode() !== root && !host.contains(from)) returnTo = from;
  };
  host.addEventListener('focusin', onFocusIn);

  const container = doc.createElement('div');
  root.append(container);
  render(h(Card, props), container);
  if (options.debug) {
    for (const warning of checkContrast(container.querySelector<HTMLElement>('.card')!))
      console.warn(`[Candor] ${warning}`);
  }

  return {
    unmount() {
      const hadFocus = !!root.activeElement && container.contains(root.activeElement);
      render(null, container);
      container.remove();
      host.removeEventListener('focusin', onFocusIn);
      scheme?.removeEventListener?.('change', paint);
      vv?.removeEventListener('resize', fit);
      if (!root.querySelector('div')) {
        host.remove();
        if (floatingHosts.get(doc) === host) floatingHosts.delete(doc);
      }
      if (hadFocus && returnTo?.isConnected) returnTo.focus();
      // A prompt of another survey may be waiting for its turn (lib/onScreen.ts).
      doc.dispatchEvent(new Event(CLOSED));
    },
  };
}
