// What each part of the script-tag bundle costs, minified + gzip (level 9).
// Run after `npm run build`: node scripts/size-report.mjs
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { minifyCss } from './cssInline.mjs';

const gz = (s) => gzipSync(s, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(2)} KB`;
const total = gz(readFileSync('dist/candor.js'));
const preact = await build({
  stdin: {
    contents: "import { h, render, Component, Fragment } from 'preact'; window.p = [h, render, Component, Fragment];",
    resolveDir: process.cwd(),
  },
  bundle: true,
  minify: true,
  write: false,
});
const preactSize = gz(preact.outputFiles[0].contents);
const css = gz(minifyCss(readFileSync('src/ui/styles.css', 'utf8')));
console.log(`dist/candor.js            ${kb(total)}`);
console.log(`  preact (h, render, Component)  ${kb(preactSize)}`);
console.log(`  Candor's own code       ~${kb(total - preactSize)} (of which CSS ${kb(css)})`);
