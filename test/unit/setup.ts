import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { loadUi } from '../../src/createNps.js';
import { loadSending } from '../../src/sendingCode.js';

// The prompt's code is imported when a prompt is first drawn, the sending code when an outbox first
// has something to send (test/unit/promptCode.test.ts and sendingCode.test.ts test that); loaded here,
// each test's prompt is drawn in the same task as show() and each flush starts at once, as on a page
// where they were loaded earlier.
beforeAll(() => Promise.all([loadUi(), loadSending()]));

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
