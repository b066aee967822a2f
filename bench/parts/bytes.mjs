// Bytes a browser downloads to show the prompt: Candor against peers fetched
// from the npm registry at pinned versions (bench/lib/packages.mjs).
//
// Every file is compressed on its own, as a server sends it (gzip level 9,
// brotli quality 11, text mode, window 22 bits — the maximum of node:zlib), and
// a row's total is the sum of its files. Candor's own size budget in `npm test`
// is measured by size-limit with its own settings, so its gzip figure there
// can differ from this one by a few bytes.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fetchPackage, PEERS } from '../lib/packages.mjs';

const GZIP = { level: constants.Z_BEST_COMPRESSION };
const BROTLI = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
};
export const COMPRESSION = `gzip level ${GZIP.level}, brotli quality ${constants.BROTLI_MAX_QUALITY} (window ${constants.BROTLI_MAX_WINDOW_BITS} bits, text mode), node:zlib (zlib ${process.versions.zlib}, brotli ${process.versions.brotli})`;

/** Sizes of one file's contents. */
export function sizes(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, GZIP).length,
    brotli: brotliCompressSync(buffer, BROTLI).length,
  };
}

/** @param {{ label: string, buffer: Buffer }[]} files */
function measure(files) {
  const each = files.map(({ label, buffer }) => ({ file: label, ...sizes(buffer) }));
  const sum = (k) => each.reduce((a, f) => a + f[k], 0);
  return { files: each, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

/** esbuild: bundle (or only minify) code as an app's production build would. */
async function esbuildBundle(root, contents, resolveDir) {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    absWorkingDir: root,
  });
  return Buffer.from(result.outputFiles[0].contents);
}

/**
 * `contents` bundled as an app's bundler that splits code would: esbuild with `splitting`. Returns
 * the files loaded at start (the entry and what it imports statically) and those imported later.
 */
async function esbuildSplit(root, contents) {
  const { build } = await import('esbuild');
  const outdir = join(root, '.bench-split');
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    outdir,
    metafile: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const outputs = result.metafile.outputs;
  const start = new Set(Object.keys(outputs).filter((path) => outputs[path].entryPoint === '<stdin>'));
  for (const path of start)
    for (const i of outputs[path].imports) if (i.kind === 'import-statement' && !i.external) start.add(i.path);
  const file = (f) => ({ label: relative(root, f.path), buffer: Buffer.from(f.contents) });
  const js = result.outputFiles.filter((f) => f.path.endsWith('.js'));
  return {
    start: js.filter((f) => start.has(relative(root, f.path))).map(file),
    later: js.filter((f) => !start.has(relative(root, f.path))).map(file),
  };
}

async function esbuildMinify(code) {
  const { transform } = await import('esbuild');
  const result = await transform(code, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
  return Buffer.from(result.code);
}

const kb = (n) => (n / 1024).toFixed(1);
const ratio = (n, base) => `${(n / base).toFixed(1)}×`;

/**
 * The rows. Each says exactly which files it holds, what it leaves out, and why.
 * @param {{ root: string, log: (m: string) => void }} ctx
 */
async function rows(ctx) {
  const { root, log } = ctx;
  const file = (dir, rel, label = rel) => ({ label, buffer: readFileSync(join(dir, rel)) });
  const dist = (rel) => file(root, `dist/${rel}`, `dist/${rel}`);
  const out = [];

  // ---- Candor
  const candorVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const parts = readdirSync(join(root, 'dist/parts'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => dist(`parts/${f}`));
  const part = (name) => parts.filter((p) => p.label.includes(`/parts/${name}-`));
  out.push({
    id: 'candor-script',
    product: `Candor ${candorVersion}`,
    what: "script tag, a page view that asks, up to the painted prompt: `dist/candor.js` (the loader) + the parts' entry + the prompt's code (English)",
    detail:
      "Everything fetched before the prompt shows: the loader, then the parts' entry (outbox, storage, English strings, idb-keyval) and the prompt's code (preact, the card, its styles). The code that sends comes once the person says yes (next row).",
    ...measure([dist('candor.js'), ...part('engine'), ...part('prompt')]),
  });
  out.push({
    id: 'candor-answered',
    product: `Candor ${candorVersion}`,
    what: 'script tag, a page view that asks, once the person has answered: `dist/candor.js` + every file of `dist/parts/`',
    detail:
      'The rows above plus the code that sends (the flusher, transports, withdrawals), fetched once the person says yes.',
    ...measure([dist('candor.js'), ...parts]),
  });
  out.push({
    id: 'candor-deliver',
    product: `Candor ${candorVersion}`,
    what: "script tag, a page view that only delivers answers stored earlier: `dist/candor.js` + the parts' entry + the code that sends",
    detail: "No prompt is due, but stored work is: the prompt's code is not fetched.",
    ...measure([dist('candor.js'), ...part('engine'), ...part('sending')]),
  });
  out.push({
    id: 'candor-loader',
    product: `Candor ${candorVersion}`,
    what: 'script tag, a page view that does not ask: `dist/candor.js` alone',
    detail:
      'The loader checks the config and applies the rules; nothing else is fetched when no prompt is due and nothing stored is due.',
    ...measure([dist('candor.js')]),
  });
  out.push({
    id: 'candor-full',
    product: `Candor ${candorVersion}`,
    what: 'script tag, single file: `dist/candor.full.js` (everything, English)',
    detail: 'The same widget in one classic script, for SRI pinning, self-hosting and webviews.',
    ...measure([dist('candor.full.js')]),
  });
  out.push({
    id: 'candor-script-locale',
    product: `Candor ${candorVersion}`,
    what: 'single file + one language: `dist/candor.full.js` + `dist/locales/hi.js` (the largest language file)',
    detail: 'Two requests; English needs no second file.',
    ...measure([dist('candor.full.js'), dist('locales/hi.js')]),
  });
  const npmBundle = await esbuildBundle(root, `export { createNps } from './dist/index.mjs';`, root);
  out.push({
    id: 'candor-npm',
    product: `Candor ${candorVersion}`,
    what: 'npm: `import { createNps }` bundled with preact and idb-keyval (esbuild, minified, ES2020)',
    detail: 'What an app ships: `dist/index.mjs` with its dependencies included, bundled and minified by esbuild.',
    ...measure([{ label: 'esbuild bundle of dist/index.mjs + preact + idb-keyval', buffer: npmBundle }]),
  });
  const split = await esbuildSplit(root, `export { createNps } from './dist/index.mjs';`);
  out.push({
    id: 'candor-npm-split-start',
    product: `Candor ${candorVersion}`,
    what: "npm, split by the app's bundler (esbuild `splitting`): what loads at start, without the prompt's code",
    detail:
      "`createNps`, the outbox, delivery and idb-keyval: the entry and the chunks it imports statically. The prompt's code (preact, the card) is imported when a prompt will be drawn.",
    ...measure(split.start),
  });
  out.push({
    id: 'candor-npm-split-prompt',
    product: `Candor ${candorVersion}`,
    what: "npm, split by the app's bundler (esbuild `splitting`): at start + the prompt's chunk",
    detail:
      'Everything once a prompt has been drawn: the same as the row above, plus the chunk with preact and the card.',
    ...measure([...split.start, ...split.later]),
  });

  // ---- posthog-js
  const ph = fetchPackage(root, PEERS.posthog, log);
  const phName = `${PEERS.posthog.name} ${PEERS.posthog.version}`;
  out.push({
    id: 'posthog-script',
    product: phName,
    what: 'script tag: `dist/array.js` + `dist/surveys.js`',
    detail:
      "PostHog's snippet loads `array.js` (the SDK); once the remote config says surveys are on, the SDK loads `surveys.js` (survey rendering, lazy) from its asset host. " +
      'Not counted: the inline snippet, the remote config (`/array/<token>/config.js`), the `/flags` and `/api/surveys` JSON answers — small, per-project, not in the package.',
    ...measure([file(ph, 'dist/array.js'), file(ph, 'dist/surveys.js')]),
  });
  const phBundle = await esbuildBundle(root, `export { default } from './dist/module.js';`, ph);
  out.push({
    id: 'posthog-npm',
    product: phName,
    what: 'npm: `import posthog from "posthog-js"` (esbuild, minified) + `dist/surveys.js`',
    detail:
      "`dist/module.js` bundled and minified the same way as Candor's npm row; survey rendering is still lazy-loaded as `surveys.js` from the asset host.",
    ...measure([{ label: 'esbuild bundle of dist/module.js', buffer: phBundle }, file(ph, 'dist/surveys.js')]),
  });

  // ---- Formbricks
  const fb = fetchPackage(root, PEERS.formbricks, log);
  out.push({
    id: 'formbricks-umd',
    product: `${PEERS.formbricks.name} ${PEERS.formbricks.version}`,
    what: 'UMD bundle: `dist/index.umd.js`',
    detail:
      'The survey renderer a site loads (it sets `window.formbricksSurveys`; preact, zod and DOMPurify inside). ' +
      "A lower bound: in a real Formbricks setup the `@formbricks/js` SDK (not counted) first fetches the environment's surveys from the Formbricks app, then loads this renderer.",
    ...measure([file(fb, 'dist/index.umd.js')]),
  });

  // ---- Sprig
  const sp = fetchPackage(root, PEERS.sprig, log);
  // The ES-module graph of the pinned version, traced by hand from its import
  // statements (the hashes change with every release; PEERS pins it):
  //   index.js → core, metricsReporter, replay (static) → debounce (static);
  //   core → view (dynamic import when a survey is to be shown);
  //   view → index-BV6x5sH0 (PageCard, the classic card UI, dynamic) → videoPlayer (static);
  //   view → index-Bym2hMs5 (the CSS as a string, dynamic; dark and conversational styles are not needed).
  const sprigFiles = [
    'dist/index.js',
    'dist/core-7nI0llaX.js',
    'dist/metricsReporter-IH9L5jcz.js',
    'dist/replay.js',
    'dist/debounce-CMb8f7wh.js',
    'dist/view-C0flzcU1.js',
    'dist/index-BV6x5sH0.js',
    'dist/videoPlayer-ycqVs4mb.js',
    'dist/index-Bym2hMs5.js',
  ];
  const published = measure(sprigFiles.map((f) => file(sp, f)));
  const minified = [];
  for (const f of sprigFiles)
    minified.push({ label: `${f} (esbuild --minify)`, buffer: await esbuildMinify(readFileSync(join(sp, f), 'utf8')) });
  out.push({
    id: 'sprig-npm',
    product: `${PEERS.sprig.name} ${PEERS.sprig.version}`,
    what: 'npm: `index.js` and its static imports + the chunks lazy-loaded to show a standard (card) survey, each minified by esbuild',
    detail:
      `${sprigFiles.map((f) => '`' + f.replace('dist/', '') + '`').join(', ')}. The package ships readable (unminified) ES modules for the app's bundler to minify, so each was minified with esbuild; as published they are ${kb(published.raw)} KB raw, ${kb(published.gzip)} KB gzip. ` +
      "Not counted: the survey definition and the visitor's eligibility, which come from Sprig's API (`api.sprig.com`) for an environment id — they can't be fetched offline.",
    published,
    ...measure(minified),
  });
  return out;
}

function table(list, base) {
  const lines = [
    '| product | what a page downloads | raw KB | gzip KB | brotli KB | × Candor script tag (gzip) | × (brotli) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of list)
    lines.push(
      `| ${r.product} | ${r.what} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${ratio(r.gzip, base.gzip)} | ${ratio(r.brotli, base.brotli)} |`,
    );
  return lines.join('\n');
}

/** The chart step, kept apart: the report stands without it. */
function charts(ctx, list) {
  if (!ctx.chart) return [];
  try {
    const svg = ctx.chart.barChart({
      title: 'Bytes to show the prompt (gzip, KB; smaller is better)',
      unit: 'KB',
      bars: list.map((r) => ({
        label: `${r.product.replace(/ \d.*$/, '')}: ${r.what.split(':')[0]}`,
        value: +(r.gzip / 1024).toFixed(1),
        highlight: r.id.startsWith('candor'),
      })),
    });
    return [{ file: 'bytes.svg', svg }];
  } catch (error) {
    ctx.log(`bytes: chart skipped (${error.message})`);
    return [];
  }
}

/** @param {any} ctx */
export async function run(ctx) {
  const list = await rows(ctx);
  const base = list.find((r) => r.id === 'candor-script');
  const chartList = charts(ctx, list);
  const markdown = [
    `What a browser downloads to show the prompt, from the files each product publishes on npm (peers fetched from the registry during this run, at pinned versions: ${Object.values(
      PEERS,
    )
      .map((p) => `${p.name} ${p.version}`)
      .join(', ')}). Each file is compressed on its own, as a server would send it: ${COMPRESSION}. KB = 1,024 bytes.`,
    '',
    `A page view where Candor asks fetches ${base.gzip.toLocaleString('en')} bytes gzip of it here before the prompt is painted (the loader, the parts' entry and the prompt's code). The size budgets in \`npm test\` (docs/benchmarks.md, "Size") measure the same files with size-limit, which runs each through esbuild again before compressing it and counts kB as 1,000 bytes, so its figures are a little higher.`,
    '',
    table(list, base),
    '',
    ...(chartList.length ? [`![Bytes to show the prompt, gzip](${chartList[0].file})`, ''] : []),
    'What each row holds:',
    '',
    ...list.map((r) => `- **${r.product}, ${r.what.split(':')[0]}**: ${r.detail}`),
  ].join('\n');
  return {
    id: 'bytes',
    title: 'Bytes a browser downloads to show the prompt',
    markdown,
    data: { compression: COMPRESSION, peers: PEERS, rows: list },
    charts: chartList,
  };
}
