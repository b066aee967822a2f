import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';
import { cssInline } from './scripts/cssInline.mjs';
import { widgetExtras } from './scripts/widgetExtras.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const version = () => replace({ preventAssignment: true, values: { __CANDOR_VERSION__: JSON.stringify(pkg.version) } });

// zod 4 warns about its own annotations and a circular import: harmless (TOOLCHAIN.md).
const onwarn = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules/zod'))) return;
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
  warn(warning);
};

// Runtime dependencies stay imports in the npm builds; the app's bundler dedupes them.
const external = (id) => Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(`${dep}/`));
// The npm builds' TypeScript: declarations under dist/types (inside rollup's output dir, TOOLCHAIN.md).
const typesFor = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['**/*.ts', '**/*.tsx'],
    rootDir: 'src',
    outDir: 'dist',
    declaration: true,
    declarationDir: 'dist/types',
    noEmitOnError: true,
  });

/** A minified browser IIFE of `input` (the script tag's files). */
function iife(input, file, name, extra = []) {
  return {
    input,
    onwarn,
    output: { file, format: 'iife', sourcemap: true, ...(name ? { name } : {}) },
    plugins: [
      cssInline(),
      version(),
      resolve({ browser: true }),
      typescript({
        tsconfig: './widget/tsconfig.json',
        outDir: undefined,
        declaration: false,
        declarationDir: undefined,
        noEmitOnError: true,
      }),
      terser(terserOptions),
      ...extra,
    ],
  };
}

const terserOptions = {
  ecma: 2020,
  compress: { passes: 2 },
  // Private fields start with `_` and are mangled (STYLE.md).
  // (Single underscore only: preact's own mangled internals are `__x`.)
  mangle: { properties: { regex: /^_[a-z]/ } },
  format: { comments: false },
};

export default [
  // npm module: ESM + CJS, dependencies external, with .d.ts files.
  {
    input: 'src/index.ts',
    external,
    onwarn,
    output: [
      { file: 'dist/index.mjs', format: 'es', sourcemap: true },
      { file: 'dist/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [
      cssInline(),
      version(),
      typesFor(),
    ],
  },
  // `candor-nps/schema`: the wire format's zod schema for servers. ESM + CJS,
  // zod external (a dependency, shared with the server's own zod), with .d.ts files.
  {
    input: 'src/schema.ts',
    external,
    onwarn,
    output: [
      { file: 'dist/schema.mjs', format: 'es', sourcemap: true },
      { file: 'dist/schema.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [
      typesFor(),
    ],
  },
  // Script tag: one minified IIFE with everything in it, global `Candor`;
  // then the snippet, embed.html and the SRI hash (scripts/widgetExtras.mjs).
  iife('widget/candor.ts', 'dist/candor.js', 'Candor', [widgetExtras()]),
  // embed.html's own script (webview): reads #config= and starts the prompt full-screen.
  iife('widget/embed.ts', 'dist/embed.js'),
];
