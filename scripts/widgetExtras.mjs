// Rollup plugin for the last script-tag build: after dist/candor.js and
// dist/candor.full.js are written, minifies the copy-paste snippet
// (dist/snippet.min.js), copies the webview page (dist/embed.html) and prints
// the Subresource Integrity hash of each (also written to dist/<file>.sri)
// for `<script integrity>`.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

export function widgetExtras() {
  return {
    name: 'candor-widget-extras',
    async writeBundle() {
      const snippet = await minify(readFileSync('widget/snippet.js', 'utf8'), {
        ecma: 5,
        compress: { passes: 2 },
        format: { comments: false },
      });
      writeFileSync('dist/snippet.min.js', `${snippet.code}\n`);
      copyFileSync('widget/embed.html', 'dist/embed.html');
      for (const file of ['candor.js', 'candor.full.js']) {
        const sri = `sha384-${createHash('sha384')
          .update(readFileSync(`dist/${file}`))
          .digest('base64')}`;
        writeFileSync(`dist/${file}.sri`, `${sri}\n`);
        console.log(`dist/${file} integrity="${sri}"`);
      }
    },
  };
}
