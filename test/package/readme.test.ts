import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  test('shows the two-command quick start', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  test('shows the snippet exactly as the build minifies it', () => {
    const snippet = readFileSync(new URL('../../dist/snippet.min.js', import.meta.url), 'utf8').trim();
    expect(readme).toContain(`<script>\n${snippet}\n`);
    expect(readme).toContain(`(\`dist/snippet.min.js\`, ${Buffer.byteLength(snippet)} bytes`);
  });

  test('states the sizes size-limit measures, to within 0.1 KB', () => {
    // size-limit exits 1 when a budget is exceeded; its JSON still has every figure.
    const run = spawnSync(process.execPath, ['node_modules/size-limit/bin.js', '--json'], { encoding: 'utf8' });
    const checks = JSON.parse(run.stdout) as { name: string; size: number; sizeLimit: number }[];
    expect(checks, run.stdout).toBeInstanceOf(Array);
    expect(checks.length).toBeGreaterThanOrEqual(2);
    for (const check of checks) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${check.name} |`));
      expect(row, `README has no size row for "${check.name}"`).toBeDefined();
      const [, , stated, limit] = row!.split('|').map((cell) => cell.trim());
      expect(
        Math.abs(parseFloat(stated!) - check.size / 1000),
        `${check.name}: README says ${stated}, measured ${check.size} B`,
      ).toBeLessThanOrEqual(0.1);
      expect(parseFloat(limit!)).toBe(check.sizeLimit / 1000);
    }
  });
});
