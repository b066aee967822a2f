import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
// The size table lives in the manual; the README states the script tag's headline figure.
const sizes = read('docs/benchmarks.md');
const docs = readdirSync(new URL('../../docs', import.meta.url)).filter((name) => name.endsWith('.md'));

// size-limit exits 1 when a budget is exceeded; its JSON still has every figure.
const measured = () => {
  const run = spawnSync(process.execPath, ['node_modules/size-limit/bin.js', '--json'], { encoding: 'utf8' });
  const checks = JSON.parse(run.stdout) as { name: string; size: number; sizeLimit: number }[];
  expect(checks, run.stdout).toBeInstanceOf(Array);
  return checks;
};

describe('README', () => {
  test('stays short: at most 250 lines (the manual is docs/)', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
  });

  test('shows the two-command quick start', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  test('shows the snippet exactly as the build minifies it', () => {
    const snippet = read('dist/snippet.min.js').trim();
    expect(readme).toContain(`<script>\n${snippet}\n`);
    expect(readme).toContain(`(\`dist/snippet.min.js\`, ${Buffer.byteLength(snippet)} bytes`);
  });

  test('every copy of the snippet in docs/ is the one the build minifies', () => {
    const snippet = read('dist/snippet.min.js').trim();
    for (const name of docs) {
      const copies = read(`docs/${name}`)
        .split('\n')
        .filter((line) => line.startsWith('!function(n,c,e,o)'));
      for (const copy of copies) expect(copy, `docs/${name}`).toBe(snippet);
    }
  });

  test.each([
    ['the loader', 'script tag: dist/candor.js', /\*\*(\d+(?:\.\d+)?) KB gzip on a page view that doesn't ask\.\*\*/],
    ['the single file', 'script tag: dist/candor.full.js', /\*\*(\d+(?:\.\d+)?) KB gzip for everything\*\*/],
  ])("states %s's size as size-limit measures it, to within 0.1 KB", (_, check, figure) => {
    const tag = measured().find((c) => c.name.startsWith(check));
    expect(tag).toBeDefined();
    const stated = figure.exec(readme);
    expect(stated, `README has no ${figure} figure`).not.toBeNull();
    expect(Math.abs(parseFloat(stated![1]!) - tag!.size / 1000)).toBeLessThanOrEqual(0.1);
  });
});

describe('docs/benchmarks.md', () => {
  test('states the sizes size-limit measures, to within 0.1 KB, with their limits', () => {
    const checks = measured();
    expect(checks.length).toBeGreaterThanOrEqual(2);
    for (const check of checks) {
      const row = sizes.split('\n').find((line) => line.startsWith(`| ${check.name} |`));
      expect(row, `docs/benchmarks.md has no size row for "${check.name}"`).toBeDefined();
      const [, , stated, limit] = row!.split('|').map((cell) => cell.trim());
      expect(
        Math.abs(parseFloat(stated!) - check.size / 1000),
        `${check.name}: docs/benchmarks.md says ${stated}, measured ${check.size} B`,
      ).toBeLessThanOrEqual(0.1);
      expect(parseFloat(limit!)).toBe(check.sizeLimit / 1000);
    }
  });
});
