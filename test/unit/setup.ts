import 'fake-indexeddb/auto';
import { afterEach, beforeEach, vi } from 'vitest';

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
