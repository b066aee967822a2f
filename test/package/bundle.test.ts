import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

// Safari 16.0–16.3 (in the supported range) can't parse a regex lookbehind, and one
// such regex anywhere makes the whole script tag fail to load.
test.each(['candor.js', 'embed.js'])(
  'dist/%s has no regex lookbehind, so it parses in every supported Safari',
  (file) => {
    const js = readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
    expect(js.match(/\(\?<[=!]/g) ?? []).toEqual([]);
  },
);

// The snippet runs on every page before anything else: plain ES5, so even a browser too old for
// Candor parses it (and candor.js then simply never shows the prompt there).
test('the snippet is ES5: no arrow functions, let/const, template literals or spread', () => {
  const js = readFileSync(new URL('../../dist/snippet.min.js', import.meta.url), 'utf8');
  expect(js).not.toMatch(/=>|\blet\b|\bconst\b|`|\.\.\./);
});
