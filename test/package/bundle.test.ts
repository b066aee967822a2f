import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

// Safari 16.0–16.3 (in the supported range) can't parse a regex lookbehind, and one
// such regex anywhere makes the whole script tag fail to load.
test('the script tag has no regex lookbehind, so it parses in every supported Safari', () => {
  const js = readFileSync(new URL('../../dist/candor.js', import.meta.url), 'utf8');
  expect(js.match(/\(\?<[=!]/g) ?? []).toEqual([]);
});
