import { afterEach } from 'vitest';

// Every test starts from an empty page.
afterEach(() => {
  if (typeof document !== 'undefined') document.body.replaceChildren();
});
