import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

/** The loader's parts (dist/parts/*.js), as paths under dist/. */
const parts = readdirSync(new URL('../../dist/parts/', import.meta.url))
  .filter((file) => file.endsWith('.js'))
  .map((file) => `parts/${file}`);
const read = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

// Safari 16.0–16.3 (in the supported range) can't parse a regex lookbehind, and one
// such regex anywhere makes the whole script tag fail to load.
test.each(['candor.js', 'candor.full.js', 'embed.js', ...parts])(
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

// A page in another encoding (Shift_JIS, Windows-1252) that loads a script served without a charset
// decodes it in the page's encoding: any non-ASCII byte would garble strings and can break the
// redactor's character classes, so the whole script fails. The build writes escapes instead.
test.each([
  'candor.js',
  'candor.full.js',
  ...parts,
  'embed.js',
  'locales/ja.js',
  'locales/ar.js',
  'locales/all.js',
  'snippet.min.js',
])('dist/%s is pure ASCII, so it runs on pages in any encoding', (file) => {
  const bytes = readFileSync(new URL(`../../dist/${file}`, import.meta.url));
  expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
});

/** Every file `entry` loads, at once or later (static and dynamic imports, `require`), from dist/. */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const js = readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
    seen.set(file, js);
    for (const [, rel] of js.matchAll(/(?:from\s*|require\(|import\()['"]\.\/([^'"]+)['"]/g))
      visit(file.startsWith('chunks/') ? `chunks/${rel!.replace(/^chunks\//, '')}` : rel!);
  };
  visit(entry);
  return seen;
}

// `candor-nps/headless` is the core without UI: neither it nor any chunk it loads, even later,
// contains preact, imported, required or inlined (the word does not occur at all).
test.each(['headless.mjs', 'headless.cjs'])(
  'dist/%s and the chunks it loads never contain preact (it cannot draw)',
  (entry) => {
    const files = reachable(entry);
    for (const [file, js] of files) expect(js, file).not.toMatch(/preact/i);
    expect([...files.keys()].some((f) => f.startsWith('chunks/'))).toBe(true);
    // The full entry does draw: the same check tells the two apart.
    const full = reachable(entry.replace('headless', 'index'));
    expect([...full.values()].some((js) => /preact/.test(js))).toBe(true);
  },
);

// The npm module imports the prompt's code (preact, the card) only when a prompt will be drawn:
// the entry and what it imports statically hold none of it, so an app's bundler splits it off.
test.each(['index.mjs', 'index.cjs'])("dist/%s loads the prompt's code only through a dynamic import", (entry) => {
  const statics = new Map<string, string>();
  const visit = (file: string) => {
    if (statics.has(file)) return;
    const js = readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
    statics.set(file, js);
    // `require` inside a `.then(() => …)` is CommonJS's dynamic import: only top-level ones are static.
    for (const [, rel] of js.matchAll(/(?:from\s*|^(?:var|const|let)\s+\w+\s*=\s*require\()['"]\.\/([^'"]+)['"]/gm))
      visit(file.startsWith('chunks/') ? `chunks/${rel!.replace(/^chunks\//, '')}` : rel!);
  };
  visit(entry);
  for (const [file, js] of statics) expect(js, file).not.toMatch(/preact/);
  expect([...reachable(entry).values()].some((js) => /preact/.test(js))).toBe(true);
});

// A view that asks fetches the loader's config check and rules once: the parts read the loader's
// copy (handed over under a global symbol, scripts/shared.mjs) instead of carrying their own.
test("the loader's parts carry no second copy of the config check: they read the loader's", () => {
  expect(parts.length).toBeGreaterThan(0);
  const message = 'unknown UI string key'; // src/config.ts's own wording
  expect(read('candor.js')).toContain(message);
  for (const file of parts) expect(read(file), file).not.toContain(message);
  expect(parts.map(read).join('\n')).toMatch(/Symbol\.for\("candor [^"]+ shared"\)/);
});
