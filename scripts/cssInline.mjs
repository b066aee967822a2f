import { readFile } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';

/** Minifies CSS enough for shipping: comments and needless white space go. */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/**
 * Rollup plugin: `import css from './x.css?inline'` gives the minified text,
 * as Vite does in the tests, so the shadow root can adopt it.
 */
const PREFIX = '\0css-inline:';

export function cssInline() {
  return {
    name: 'css-inline',
    enforce: 'pre', // for Vite (the tests): before its own CSS handling
    resolveId(source, importer) {
      if (!source.endsWith('.css?inline') || !importer) return null;
      // A virtual id not ending in .css, so no other CSS handling (Vite's, vitest's) picks it up.
      return `${PREFIX}${resolve(dirname(importer), source.slice(0, -'?inline'.length))}.js`;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      this.addWatchFile?.(file);
      return `export default ${JSON.stringify(minifyCss(await readFile(file, 'utf8')))};`;
    },
  };
}
