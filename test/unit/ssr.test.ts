// @vitest-environment node
import { expect, test } from 'vitest';

test('importing the module touches neither window nor document (server-side rendering)', async () => {
  expect(typeof window).toBe('undefined');
  expect(typeof document).toBe('undefined');
  const { createNps, parseConfig } = await import('../../src/index.js');
  expect(parseConfig({ survey: 'home', endpoint: 'https://x.test/c' }).survey).toBe('home');
  // Created on the server, an instance is inert: it never tries to draw.
  const nps = createNps({ survey: 'home', endpoint: 'https://x.test/c' });
  expect(nps.show()).toBe(false);
  nps.destroy();
});
