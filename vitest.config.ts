import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { cssInline } from './scripts/cssInline.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// Three projects: fast unit tests in jsdom, real-Chromium tests that drive
// the built bundle one file at a time (two cores; one browser per file), and
// the reference collector's tests in Node (SQLite and PostgreSQL).
export default defineConfig({
  // The card's CSS is imported as minified text, exactly as in the build.
  plugins: [cssInline()],
  define: { __CANDOR_VERSION__: JSON.stringify(pkg.version) },
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/unit/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/browser/**/*.test.ts', 'test/package/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'collector',
          include: ['test/collector/**/*.test.ts'],
          environment: 'node',
          // One throwaway PostgreSQL for the project; files one at a time (two cores).
          globalSetup: ['test/collector/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
