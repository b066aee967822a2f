import MagicString from 'magic-string';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';
import { cssInline } from './scripts/cssInline.mjs';
import { widgetExtras } from './scripts/widgetExtras.mjs';
import { handOver, readFromLoader } from './scripts/shared.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const version = () => replace({ preventAssignment: true, values: { __CANDOR_VERSION__: JSON.stringify(pkg.version) } });

// zod 4 warns about its own annotations and a circular import: harmless.
const onwarn = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules/zod'))) return;
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
  warn(warning);
};

// Runtime dependencies stay imports in the npm builds; the app's bundler dedupes them.
const external = (id) => Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(`${dep}/`));
// The npm builds' TypeScript: declarations under dist/types (@rollup/plugin-typescript wants them inside rollup's output dir).
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

const MAIN = fileURLToPath(new URL('./src/index.ts', import.meta.url));
const SRC = fileURLToPath(new URL('./src/', import.meta.url));
/**
 * For an entry built on the main one (`candor-nps/react`): its imports of src/index.ts become
 * imports of `candor-nps`, so an app holds one copy of the widget. The build fails if any other
 * module of the widget would be bundled (a second copy, e.g. after an import of ../createNps.js).
 */
const onMainEntry = (own) => ({
  name: 'candor-main-entry-external',
  async resolveId(source, importer, options) {
    if (!importer) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved?.id === MAIN ? { id: pkg.name, external: true } : null;
  },
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      const copied = Object.keys(chunk.modules ?? {}).filter((id) => id.startsWith(SRC) && !id.startsWith(own));
      if (copied.length)
        this.error(`a second copy of the widget: ${copied.join(', ')} bundled; import the main entry (../index.js)`);
    }
  },
});

/** Every language file: src/locales/<tag>.ts exports the table as the tag in camel case (pt-BR → ptBR). */
const LOCALES = readdirSync('src/locales').map((file) => file.replace(/\.ts$/, ''));
const exportName = (tag) => tag.replace(/-(\w)/g, (_, c) => c.toUpperCase());

/** A virtual entry that registers these languages with the script tag's `Candor` (or queues them for it). */
function localeEntry(tags) {
  const id = `\0candor-locales:${tags.join(',')}`;
  const code = [
    ...tags.map(
      (tag) =>
        `import { ${exportName(tag)} } from ${JSON.stringify(new URL(`./src/locales/${tag}.ts`, import.meta.url).pathname)};`,
    ),
    'const C = (window.Candor = window.Candor || { q: [] });',
    ...tags.map(
      (tag) =>
        `C.locale ? C.locale(${JSON.stringify(tag)}, ${exportName(tag)}) : C.q.push(['locale', [${JSON.stringify(tag)}, ${exportName(tag)}]]);`,
    ),
  ].join('\n');
  return { id, code };
}

/** What the loader imports (filled by the parts build, which runs before the loader's): entry and files with SRI hashes. */
const parts = { entry: '', files: [], later: [], prompt: [] };

/** The rest of Candor for the loader: minified ES modules under dist/parts/, content-hashed names. */
function partsBuild() {
  return {
    input: { engine: 'widget/engine.ts' },
    onwarn,
    // The entry may export what the prompt's chunk imports from it (no extra facade file).
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/parts',
      format: 'es',
      entryFileNames: '[name]-[hash].js',
      // The prompt's code (src/ui/mount.ts and what only it needs), imported when a prompt is drawn.
      chunkFileNames: (chunk) =>
        (chunk.facadeModuleId?.endsWith('/src/ui/mount.ts') ? 'prompt' : '[name]') + '-[hash].js',
      sourcemap: true,
    },
    plugins: [
      readFromLoader(),
      cssInline(),
      version(),
      resolve({ browser: true }),
      typescript({
        tsconfig: './widget/tsconfig.json',
        outDir: 'dist/parts',
        declaration: false,
        declarationDir: undefined,
        noEmitOnError: true,
      }),
      terser(terserOptions),
      // V8's compile hint: every function of a part is compiled while the file streams in, off the
      // main thread, instead of lazily on first call (measured: docs/benchmarks.md, "The script tag's targets").
      {
        name: 'candor-compile-hint',
        renderChunk(code) {
          const ms = new MagicString(code);
          ms.prepend('//# allFunctionsCalledOnLoad\n');
          return { code: ms.toString(), map: ms.generateMap({ hires: true }) };
        },
      },
      {
        name: 'candor-parts-manifest',
        generateBundle(_, bundle) {
          const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
          const entry = chunks.find((c) => c.isEntry);
          // What the entry imports, at once or through other chunks: loaded with it.
          const now = new Set([entry.fileName]);
          for (const file of now) bundle[file].imports.forEach((f) => now.add(f));
          const hashed = (c) => [
            `parts/${c.fileName}`,
            `sha384-${createHash('sha384').update(c.code).digest('base64')}`,
          ];
          parts.entry = `parts/${entry.fileName}`;
          parts.files = chunks.filter((c) => now.has(c.fileName)).map(hashed);
          parts.later = chunks.filter((c) => !now.has(c.fileName)).map(hashed);
          // The prompt's code and what only it imports: fetched alongside the entry when a prompt is due
          // (the sending code, also imported later, is fetched when something is to be sent).
          const prompt = new Set(
            chunks.filter((c) => c.facadeModuleId?.endsWith('/src/ui/mount.ts')).map((c) => c.fileName),
          );
          for (const file of prompt) bundle[file].imports.forEach((f) => now.has(f) || prompt.add(f));
          parts.prompt = parts.later.flatMap(([file], i) => (prompt.has(file.slice('parts/'.length)) ? [i] : []));
        },
      },
    ],
  };
}

/** A minified browser IIFE of `input` (the script tag's files, or a virtual locale entry). */
/** For the loader: the config check reads only the keys of the English table (widget/enKeys.ts). */
const keysOnly = {
  name: 'candor-en-keys-only',
  resolveId: (source, importer) =>
    source === './locales/en.js' && importer?.endsWith('/src/config.ts')
      ? fileURLToPath(new URL('./widget/enKeys.ts', import.meta.url))
      : null,
};

function iife(input, file, name, extra = [], first = []) {
  const virtual = typeof input === 'object' ? input : undefined;
  return {
    input: virtual ? virtual.id : input,
    onwarn,
    output: { file, format: 'iife', sourcemap: true, inlineDynamicImports: true, ...(name ? { name } : {}) },
    plugins: [
      ...first,
      virtual && {
        name: 'candor-locale-entry',
        resolveId: (id) => (id === virtual.id ? id : null),
        load: (id) => (id === virtual.id ? virtual.code : null),
      },
      cssInline(),
      version(),
      replace({ preventAssignment: true, values: { __CANDOR_PARTS__: () => JSON.stringify(parts) } }),
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
  // Private fields start with `_` and are mangled.
  // (Single underscore only: preact's own mangled internals are `__x`.)
  mangle: { properties: { regex: /^_[a-z]/ } },
  // ASCII only: a page in another encoding (Shift_JIS, Windows-1252) served without a charset
  // still parses it (the redactor's character classes would otherwise break the whole script).
  format: { comments: false, ascii_only: true },
};

export default [
  // npm module: ESM + CJS, dependencies external, with .d.ts files. `candor-nps` (createNps = core + UI)
  // and `candor-nps/headless` (the core alone, no preact) share their core in a chunk, so an app that
  // imports both gets one copy of it (and one CandorError class).
  {
    input: { index: 'src/index.ts', headless: 'src/headless.ts' },
    external,
    onwarn,
    output: ['es', 'cjs'].map((format) => {
      const ext = format === 'es' ? 'mjs' : 'cjs';
      return {
        dir: 'dist',
        format,
        entryFileNames: `[name].${ext}`,
        chunkFileNames: `chunks/[name]-[hash].${ext}`,
        sourcemap: true,
        ...(format === 'cjs' ? { exports: 'named' } : {}),
      };
    }),
    plugins: [cssInline(), version(), typesFor()],
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
    plugins: [typesFor()],
  },
  // `candor-nps/react`: useNps and <NpsPrompt>. ESM + CJS with .d.ts files; react (an optional
  // peer) and the main entry (as `candor-nps`) stay imports.
  {
    input: 'src/react/index.ts',
    external: (id) => id === 'react' || id.startsWith('react/'),
    onwarn,
    output: [
      { file: 'dist/react.mjs', format: 'es', sourcemap: true },
      { file: 'dist/react.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [onMainEntry(`${SRC}react/`), typesFor()],
  },
  // Languages for npm: `candor-nps/locales/de` (ESM + CJS), one small module each.
  {
    input: Object.fromEntries(LOCALES.map((tag) => [tag, `src/locales/${tag}.ts`])),
    onwarn,
    output: [
      { dir: 'dist/locales', format: 'es', entryFileNames: '[name].mjs' },
      { dir: 'dist/locales', format: 'cjs', entryFileNames: '[name].cjs', exports: 'named' },
    ],
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        include: ['src/locales/*.ts'],
        declaration: false,
        noEmitOnError: true,
      }),
      // Their types: each is a `Strings` table (declared once, in dist/types/locales/en.d.ts).
      {
        name: 'candor-locale-types',
        writeBundle() {
          for (const tag of LOCALES) {
            writeFileSync(
              `dist/locales/${tag}.d.ts`,
              tag === 'en'
                ? `export { en } from '../types/locales/en.js';\n`
                : `import type { Strings } from '../types/locales/en.js';\nexport declare const ${exportName(tag)}: Strings;\n`,
            );
          }
        },
      },
    ],
  },
  // Languages for the script tag: dist/locales/de.js registers German with Candor (loaded before
  // or after candor.js), and dist/locales/all.js every language at once.
  ...LOCALES.filter((tag) => tag !== 'en').map((tag) => iife(localeEntry([tag]), `dist/locales/${tag}.js`)),
  iife(localeEntry(LOCALES.filter((tag) => tag !== 'en')), 'dist/locales/all.js'),
  // Script tag: the loader dist/candor.js (global `Candor`), which imports dist/parts/ when a survey
  // needs them; and dist/candor.full.js, everything in one IIFE. Then the snippet, embed.html and the
  // SRI hashes (scripts/widgetExtras.mjs).
  partsBuild(),
  iife('widget/loader.ts', 'dist/candor.js', 'Candor', [], [keysOnly, handOver()]),
  iife('widget/candor.ts', 'dist/candor.full.js', 'Candor', [widgetExtras()]),
  // embed.html's own script (webview): reads #config= and starts the prompt full-screen.
  iife('widget/embed.ts', 'dist/embed.js'),
];
