// The script tag's loader (dist/candor.js) and its parts (dist/parts/) share the modules below: the
// config check, the rules and what they need. The loader hands each of their exports over, in one
// array under a global symbol (with the function through which the parts import a part of their
// own later), just before it imports the parts; in the parts build each of these
// modules is replaced by one that reads its exports from that array. So a view that asks fetches
// them once. The symbol is per version: a page with two versions of candor.js never mixes them.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const SHARED = [
  'src/config.ts',
  'src/errors.ts',
  'src/gate.ts',
  'src/mayShow.ts',
  'src/rules.ts',
  'src/scheduler.ts',
  'src/throttle.ts',
  'src/version.ts',
  'src/lib/closest.ts',
  'src/lib/gpc.ts',
  'src/lib/isAllowedUrl.ts',
  'src/lib/isLocalHost.ts',
  'src/lib/onNavigate.ts',
  'src/lib/timers.ts',
  'src/lib/validate.ts',
];
const KEY = `candor ${pkg.version} shared`;
/** What widget/shared.ts imports in the loader build: the array and its symbol's name. */
const VIRTUAL = 'virtual:candor-shared';
const READ = '\0candor-shared:';
const ARRAY = '\0candor-shared';

/** Every value export of the shared modules, as [module, name], in a fixed order both builds agree on. */
async function exportsOf(ctx) {
  const list = [];
  for (const path of SHARED) {
    const info = await ctx.load({ id: fileURLToPath(new URL(`../${path}`, import.meta.url)) });
    if (!info.exports) ctx.error(`${path}: its exports could not be read`);
    for (const name of [...info.exports].sort()) {
      if (name === 'default' || name === '*') ctx.error(`${path}: a shared module needs named exports only`);
      list.push([path, name]);
    }
  }
  return list;
}

/** Which entries of the array the parts read (filled by the parts build, which runs first). */
const used = new Set();

/**
 * The parts build: an import of a shared module reads its exports from the loader's array. Once
 * bundled, it notes the entries the parts' code still reads: the loader hands over those only.
 */
export const readFromLoader = () => {
  let list;
  return {
    name: 'candor-shared-read-from-loader',
    async resolveId(source, importer, options) {
      if (source === ARRAY) return ARRAY;
      if (!importer || importer.startsWith('\0')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const path = resolved && relative(ROOT, resolved.id);
      return path && SHARED.includes(path) ? READ + path : null;
    },
    async load(id) {
      if (id === ARRAY) return `export default globalThis[Symbol.for(${JSON.stringify(KEY)})][0];`;
      if (!id.startsWith(READ)) return null;
      const path = id.slice(READ.length);
      list ??= await exportsOf(this);
      const names = list.map(([p, name], i) => p === path && `${name} = S[${i}]`).filter(Boolean);
      return `import S from ${JSON.stringify(ARRAY)};\nexport const ${names.join(', ')};`;
    },
    // A part the parts import later (the prompt's code) comes through the loader, preloaded with its hash.
    renderDynamicImport: () => ({
      left: `globalThis[Symbol.for(${JSON.stringify(KEY)})][1](`,
      right: ',import.meta.url)',
    }),
    generateBundle(_, bundle) {
      used.clear();
      for (const chunk of Object.values(bundle))
        for (const [id, module] of Object.entries(chunk.modules ?? {}))
          if (id.startsWith(READ))
            for (const name of module.renderedExports)
              used.add(list.findIndex(([p, n]) => p === id.slice(READ.length) && n === name));
    },
  };
};

/** The loader build: `virtual:candor-shared` is the array of what the parts read (a hole for the rest), and the symbol's name. */
export const handOver = () => ({
  name: 'candor-shared-hand-over',
  resolveId: (source) => (source === VIRTUAL ? VIRTUAL : null),
  async load(id) {
    if (id !== VIRTUAL) return null;
    if (!used.size) this.error('the parts build must run before the loader build: it says what to hand over');
    const list = await exportsOf(this);
    const imports = list.map(([path, name], i) =>
      used.has(i) ? `import { ${name} as s${i} } from ${JSON.stringify(`${ROOT}${path}`)};` : '',
    );
    const array = list.map((_, i) => (used.has(i) ? `s${i}` : '')).slice(0, Math.max(...used) + 1);
    return [...imports, `export default [${array}];`, `export const key = ${JSON.stringify(KEY)};`].join('\n');
  },
});
