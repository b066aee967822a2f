import { afterEach, describe, expect, test, vi } from 'vitest';
import { forget, init, version } from '../../widget/candor.js';
import { VERSION } from '../../src/version.js';

const ok = { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses' };
const started: { destroy(): void }[] = [];

afterEach(() => {
  started.splice(0).forEach((nps) => nps.destroy());
  vi.restoreAllMocks();
});

describe('Candor.init (script tag)', () => {
  test('returns a running instance for a good config', () => {
    const nps = init(ok)!;
    started.push(nps);
    expect(nps.config.survey).toBe('home');
    nps.show();
    expect(document.querySelectorAll('candor-nps')).toHaveLength(1);
  });

  test('on a bad config logs the same one-line message, renders nothing and returns null', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(init({ survey: 'home', endpoint: 'ftp://x' })).toBeNull();
    expect(init(undefined)).toBeNull();
    expect(error.mock.calls).toEqual([
      ['[Candor] endpoint: expected an https URL (http only for localhost), got "ftp://x"'],
      ['[Candor] config: missing, expected a config object such as { survey: "home", endpoint: "https://…" }'],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.querySelector('candor-nps')).toBeNull();
  });

  test('a second init for a running survey returns it, warns, and draws one prompt', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = init(ok)!;
    started.push(first);
    first.show();
    const second = init({ ...ok, brand: 'Other' });
    expect(second).toBe(first);
    expect(warn).toHaveBeenCalledWith('[Candor] survey "home" is already running; init returned the running instance');
    expect(document.querySelectorAll('candor-nps')).toHaveLength(1);
  });

  test('after destroy, the same survey can be started again', () => {
    const first = init(ok)!;
    first.destroy();
    const again = init(ok)!;
    started.push(again);
    expect(again).not.toBe(first);
  });

  test('exposes the package version', () => {
    expect(version).toBe(VERSION);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('Candor.forget (script tag)', () => {
  test('resolves true for a running survey, and false (with the reason logged, never a rejection) for another', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const nps = init(ok)!;
    started.push(nps);
    await expect(forget('home')).resolves.toBe(true);
    await expect(forget('other')).resolves.toBe(false);
    expect(error.mock.calls).toEqual([
      ['[Candor] forget: survey "other" is not running on this page; call Candor.init first'],
    ]);
  });
});
