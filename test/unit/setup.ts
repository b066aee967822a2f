import { afterEach } from 'vitest';

// Every test starts from an empty page.
afterEach(() => {
  document.body.replaceChildren();
});
