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
export function cssInline() {
  return {
    name: 'css-inline',
    resolveId(source, importer) {
      if (!source.endsWith('.css?inline') || !importer) return null;
      return resolve(dirname(importer), source);
    },
    async load(id) {
      if (!id.endsWith('.css?inline')) return null;
      const css = await readFile(id.slice(0, -'?inline'.length), 'utf8');
      return `export default ${JSON.stringify(minifyCss(css))};`;
    },
  };
}
