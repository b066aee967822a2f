import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createNps, CandorConfigError, type NpsInstance } from '../../src/index.js';
import { $, button, shadow, tap } from './helpers.js';

const base = { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses' };
const instances: NpsInstance[] = [];
const make = (extra: Record<string, unknown> = {}) => {
  const nps = createNps({ ...base, ...extra });
  instances.push(nps);
  return nps;
};
const hosts = () => document.querySelectorAll('candor-nps').length;

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => {
  instances.splice(0).forEach((nps) => nps.destroy());
  // The throttle record: a dismissal or an answer keeps the prompt away; each test starts anew.
  localStorage.clear();
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
});

describe('createNps', () => {
  test('throws CandorConfigError at once on a bad config, drawing nothing', () => {
    expect(() => createNps({ survey: 'home', endpoint: 'ftp://x' })).toThrow(CandorConfigError);
    expect(() => createNps({ survey: 'home', endpoint: 'ftp://x' })).toThrow(
      'endpoint: expected an https URL (http only for localhost), got "ftp://x"',
    );
    vi.runAllTimers();
    expect(hosts()).toBe(0);
  });

  test('shows the prompt by itself once the page is ready, and emits shown', () => {
    const nps = make();
    const shown = vi.fn();
    nps.on('shown', shown);
    expect(hosts()).toBe(0);
    vi.advanceTimersByTime(0);
    expect(hosts()).toBe(1);
    expect(shown).toHaveBeenCalledWith({ survey: 'home' });
  });

  test('waits rules.delayMs before showing by itself', () => {
    make({ rules: { delayMs: 5000 } });
    vi.advanceTimersByTime(4999);
    expect(hosts()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(hosts()).toBe(1);
  });

  test('show() shows at once, and a second show() draws no second card', () => {
    const nps = make({ rules: { delayMs: 60_000 } });
    expect(nps.show()).toBe(true);
    expect(hosts()).toBe(1);
    nps.show();
    vi.runAllTimers();
    expect(hosts()).toBe(1);
    expect(shadow().querySelectorAll('section')).toHaveLength(1);
  });

  test('hide() closes the prompt without a dismissal, and show() brings it back', () => {
    const nps = make();
    const dismiss = vi.fn();
    nps.on('dismiss', dismiss);
    nps.show();
    nps.hide();
    expect(hosts()).toBe(0);
    expect(dismiss).not.toHaveBeenCalled();
    nps.show();
    expect(hosts()).toBe(1);
  });

  test('destroy() leaves no host element, no timer and no listener behind', () => {
    const nps = make({ rules: { delayMs: 1000 } });
    const shown = vi.fn();
    nps.on('shown', shown);
    nps.show();
    nps.destroy();
    expect(hosts()).toBe(0);
    vi.runAllTimers();
    expect(hosts()).toBe(0);
    expect(nps.show()).toBe(false);
    expect(hosts()).toBe(0);
    expect(shown).toHaveBeenCalledTimes(1);
  });

  test('on() returns a function that unsubscribes', async () => {
    const nps = make();
    const consent = vi.fn();
    const off = nps.on('consent', consent);
    off();
    nps.show();
    await tap(button('No thanks'));
    expect(consent).not.toHaveBeenCalled();
  });

  test('a listener that throws is reported and does not stop the prompt', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const nps = make();
    const after = vi.fn();
    nps.on('consent', () => {
      throw new Error('host bug');
    });
    nps.on('consent', after);
    nps.show();
    await tap(button("Yes, I'll answer"));
    expect(after).toHaveBeenCalledWith({ granted: true });
    expect(error).toHaveBeenCalledWith('[Candor] a "consent" listener threw:', expect.any(Error));
    expect(shadow().querySelectorAll('[role="radio"]')).toHaveLength(11);
  });

  test('renders config strings as text only, never as HTML', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    make({ brand: evil, question: `${evil} {brand}?`, strings: { consentTitle: evil } }).show();
    expect(shadow().querySelector('img, b')).toBeNull();
    expect($('h2').textContent).toBe(evil);
    await tap(button("Yes, I'll answer"));
    expect(shadow().querySelector('img, b')).toBeNull();
    expect($('h2').textContent).toBe(`${evil} ${evil}?`);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  test('with Global Privacy Control on, never shows and emits nothing', () => {
    (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl = true;
    const nps = make();
    const shown = vi.fn();
    nps.on('shown', shown);
    vi.runAllTimers();
    expect(nps.show()).toBe(false);
    expect(nps.show({ force: true })).toBe(false);
    expect(hosts()).toBe(0);
    expect(shown).not.toHaveBeenCalled();
  });

  test('rules.respectGpc: false asks even with Global Privacy Control on', () => {
    (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl = true;
    make({ rules: { respectGpc: false } }).show();
    expect(hosts()).toBe(1);
  });
});

describe('placement and theme', () => {
  test('draws inline inside the element a selector names', () => {
    const slot = document.body.appendChild(document.createElement('div'));
    slot.id = 'feedback';
    make({ position: { inline: '#feedback' } }).show();
    expect(slot.querySelector('candor-nps')?.shadowRoot?.querySelector('section')?.getAttribute('role')).toBe('region');
  });

  test('an inline selector that matches nothing emits error and throws nothing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const nps = make({ position: { inline: '#missing' } });
    const error = vi.fn();
    nps.on('error', error);
    expect(() => nps.show()).not.toThrow();
    expect(hosts()).toBe(0);
    expect(error).toHaveBeenCalledWith({ message: 'position.inline: no element matches "#missing"' });
    expect(warn).toHaveBeenCalledWith('[Candor] position.inline: no element matches "#missing"');
  });

  test('an invalid inline selector emits error and throws nothing', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const nps = make({ position: { inline: '##' } });
    const error = vi.fn();
    nps.on('error', error);
    expect(() => nps.show()).not.toThrow();
    expect(error.mock.calls[0]![0].message).toMatch(/^the prompt could not be drawn: /);
  });

  test('floats in the configured corner as a dialog', () => {
    make({ position: 'top-left' }).show();
    const host = document.querySelector('candor-nps')!;
    expect(host.getAttribute('data-position')).toBe('top-left');
    expect($('section').getAttribute('role')).toBe('dialog');
    expect($('section').getAttribute('aria-label')).toBe('Feedback survey');
  });

  test('sets theme colours as custom properties on the host, through the CSSOM', () => {
    make({
      theme: { accent: '#ff5500', background: '#101010', text: '#fafafa', radius: 4, font: 'Inter', dark: true },
    }).show();
    const host = document.querySelector<HTMLElement>('candor-nps')!;
    expect(host.style.getPropertyValue('--candor-accent')).toBe('#ff5500');
    expect(host.style.getPropertyValue('--candor-bg')).toBe('#101010');
    expect(host.style.getPropertyValue('--candor-fg')).toBe('#fafafa');
    expect(host.style.getPropertyValue('--candor-radius')).toBe('4px');
    expect(host.style.getPropertyValue('--candor-font')).toBe('Inter');
    expect(host.getAttribute('data-dark')).toBe('true');
  });

  test('without constructable stylesheets, styles go in a <style> carrying the nonce', () => {
    make({ nonce: 'r4nd0m' }).show();
    const style = shadow().querySelector('style');
    expect(style?.nonce).toBe('r4nd0m');
    expect(style?.textContent).toContain(':host{all:initial');
  });
});

describe('debug', () => {
  test('logs every event to the console when debug is on, and nothing when off', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    make({ debug: true }).show();
    await tap(button('No thanks'));
    expect(debug.mock.calls.map(([line]) => line)).toEqual([
      '[Candor] shown',
      '[Candor] consent',
      '[Candor] dismiss',
      '[Candor] closed',
    ]);
    expect(debug).toHaveBeenCalledWith('[Candor] consent', { granted: false });
    debug.mockClear();
    make({ survey: 'quiet' }).show();
    expect(debug).not.toHaveBeenCalled();
  });
});
