import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { NpsEvents, NpsInstance } from '../../src/index.js';

// The prompt's code (preact, the card, its styles: src/ui/mount.ts) is imported when a prompt
// will be drawn, so a bundler splits it off and the script tag's parts load it apart. Each test
// imports a fresh createNps (test/unit/setup.ts loads the code for every other test) and counts
// the imports of the prompt's code through a mock that wraps the real module (or fails).

const base = { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses' };
let imports = 0;
let failing = false;
const instances: NpsInstance[] = [];
const hosts = () => document.querySelectorAll('candor-nps').length;

async function fresh(extra: Record<string, unknown> = {}) {
  vi.resetModules();
  vi.doMock('../../src/ui/mount.js', async (importOriginal) => {
    imports++;
    if (failing) throw new Error('network error while importing the prompt');
    return importOriginal();
  });
  const { createNps } = await import('../../src/createNps.js');
  const nps = createNps({ ...base, ...extra });
  instances.push(nps);
  const seen: [string, unknown][] = [];
  for (const event of ['shown', 'closed', 'error'] as (keyof NpsEvents)[])
    nps.on(event, (data) => seen.push([event, data]));
  return { nps, seen };
}

/** Lets a pending import of the prompt's code settle (real I/O in the test runner), then microtasks. */
const settled = () =>
  vi.waitFor(() => expect(imports).toBeGreaterThan(0)).then(() => new Promise((r) => setTimeout(r, 20)));

beforeEach(() => {
  imports = 0;
  failing = false;
});
afterEach(() => {
  instances.splice(0).forEach((nps) => nps.destroy());
  localStorage.clear();
  vi.doUnmock('../../src/ui/mount.js');
  vi.resetModules();
});

describe("the prompt's code is its own chunk", () => {
  test('creating a survey whose rules do not ask imports none of it', async () => {
    await fresh({ rules: { sample: 0 } });
    await new Promise((r) => setTimeout(r, 20));
    expect(imports).toBe(0);
    expect(hosts()).toBe(0);
  });

  test('show() before the code has loaded: the prompt is drawn once it has', async () => {
    const { nps, seen } = await fresh({ rules: { auto: false } });
    expect(imports).toBe(0);
    expect(nps.show()).toBe(true);
    expect(hosts()).toBe(0); // not yet: the code is on its way
    await vi.waitFor(() => expect(hosts()).toBe(1));
    expect(imports).toBe(1);
    expect(seen).toEqual([['shown', { survey: 'home' }]]);
  });

  test('while the rules wait (rules.delayMs), the code loads; the prompt comes when the delay ends', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      await fresh({ rules: { delayMs: 60_000 } });
      // Real time (setImmediate is not faked) until the import began, then until it finished.
      for (let i = 0; i < 500 && !imports; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(imports).toBe(1);
      await import('../../src/ui/mount.js');
      for (let i = 0; i < 5; i++) await Promise.resolve();
      expect(hosts()).toBe(0);
      vi.advanceTimersByTime(60_000);
      expect(hosts()).toBe(1); // drawn in the same task: the code was there
    } finally {
      vi.useRealTimers();
    }
  });

  test('hide() before the code has loaded: nothing is drawn', async () => {
    const { nps, seen } = await fresh({ rules: { auto: false } });
    nps.show();
    nps.hide();
    await settled();
    expect(hosts()).toBe(0);
    expect(seen).toEqual([]);
  });

  test('code that does not load: one error and closed (hidden), nothing drawn or thrown; a later show() tries again', async () => {
    failing = true;
    const { nps, seen } = await fresh({ rules: { auto: false } });
    expect(nps.show()).toBe(true);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      ['error', { message: expect.stringContaining("the prompt's code did not load") }],
      ['closed', { survey: 'home', reason: 'hidden' }],
    ]);
    expect(hosts()).toBe(0);
    failing = false;
    nps.show();
    await vi.waitFor(() => expect(hosts()).toBe(1));
    expect(imports).toBe(2);
  });
  test('a preview created once the code is in: a listener added right after createNps hears shown', async () => {
    const { nps: first, seen: firstSeen } = await fresh({ preview: true });
    await vi.waitFor(() => expect(firstSeen).toContainEqual(['shown', { survey: 'home' }]));
    first.destroy();
    // The same module, the code loaded and the document ready: nothing is left to wait for.
    const { createNps } = await import('../../src/createNps.js');
    const nps = createNps({ ...base, preview: true });
    instances.push(nps);
    const shown = vi.fn();
    nps.on('shown', shown);
    await Promise.resolve();
    expect(shown).toHaveBeenCalledWith({ survey: 'home' });
    expect(hosts()).toBe(1);
  });
});
