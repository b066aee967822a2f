import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { loadUi } from '../../src/createNps.js';

// The prompt's code is imported when a prompt is first drawn (test/unit/promptCode.test.ts tests
// that); loaded here, each test's prompt is drawn in the same task as show(), as on a page where
// the rules loaded it during their delay.
beforeAll(() => loadUi());

beforeEach(() => {
  // No unit test reaches the network: every endpoint answers 204 unless a test says otherwise.
  if (typeof window !== 'undefined')
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
});

// Every test starts from an empty page.
afterEach(() => {
  vi.unstubAllGlobals();
  if (typeof document !== 'undefined') document.body.replaceChildren();
});
