// Packs candor-nps with `npm pack`, installs the tarball into a throwaway
// consumer project and uses it the way a user would: ESM import, CJS require
// and TypeScript under both `bundler` and `nodenext` resolution.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const npm = 'npm';

let packDir = '';
let consumer = '';
let packedFiles: string[] = [];

function node(file: string): string {
  const run = spawnSync(process.execPath, [file], { cwd: consumer, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`node ${file} exited ${run.status}:\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

/** Type-checks one consumer file with strict settings and the given module resolution; throws tsc's output. */
async function typeCheck(file: string, moduleResolution: string, module: string): Promise<void> {
  const compilerOptions = {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    module,
    moduleResolution,
    types: [],
  };
  const config = `tsconfig.${file}.${moduleResolution}.json`;
  await writeFile(join(consumer, config), JSON.stringify({ compilerOptions, files: [file] }));
  const run = spawnSync(process.execPath, [tsc, '-p', config], { cwd: consumer, encoding: 'utf8' });
  expect(run.status, `tsc (${moduleResolution}) failed:\n${run.stdout}${run.stderr}`).toBe(0);
}

beforeAll(async () => {
  if (!existsSync(join(repo, 'dist/index.mjs'))) {
    throw new Error('dist/index.mjs is missing: run `npm run build` before the package tests.');
  }
  packDir = await mkdtemp(join(tmpdir(), 'candor-pack-'));
  consumer = await mkdtemp(join(tmpdir(), 'candor-consumer-'));

  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', packDir], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
  packedFiles = info.files.map((f) => f.path);

  await writeFile(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'candor-consumer', private: true, version: '0.0.0', type: 'module' }),
  );
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(packDir, info.filename)], {
    cwd: consumer,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}, 300_000);

afterAll(async () => {
  for (const dir of [packDir, consumer]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed npm tarball', () => {
  it('ships the ESM, CJS and script-tag builds, the types and package.json, and no sources or tests', () => {
    for (const file of [
      'dist/index.mjs',
      'dist/index.cjs',
      'dist/types/index.d.ts',
      'dist/headless.mjs',
      'dist/headless.cjs',
      'dist/types/headless.d.ts',
      'dist/candor.js',
      'dist/candor.full.js',
      'package.json',
    ]) {
      expect(packedFiles, file).toContain(file);
    }
    // The loader's parts, each one it imports (their names carry a content hash).
    const loader = readFileSync(new URL('../../dist/candor.js', import.meta.url), 'utf8');
    const parts = packedFiles.filter((f) => /^dist\/parts\/[\w-]+\.js$/.test(f));
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) expect(loader).toContain(part.slice('dist/'.length));
    expect(packedFiles.filter((f) => /^(src|test)\//.test(f))).toEqual([]);
  });

  it('can be imported from ESM in plain node (no window/document) and reports bad config keys', async () => {
    await writeFile(
      join(consumer, 'esm.mjs'),
      `import { createNps, parseConfig, CandorConfigError } from 'candor-nps';
let error = null;
try { parseConfig({ survey: 'home', endpoint: 'ftp://x' }); }
catch (e) { error = { isCandor: e instanceof CandorConfigError, name: e.name, message: e.message, key: e.key }; }
console.log(JSON.stringify({ createNps: typeof createNps, window: typeof window, document: typeof document, error }));
`,
    );
    const result = JSON.parse(node('esm.mjs'));
    expect(result).toMatchObject({ createNps: 'function', window: 'undefined', document: 'undefined' });
    expect(result.error).toMatchObject({ isCandor: true, name: 'CandorConfigError', key: 'endpoint' });
    expect(result.error.message).toContain('endpoint: expected an https URL');
  });

  it('can be required from CommonJS and exposes createNps', async () => {
    await writeFile(
      join(consumer, 'cjs.cjs'),
      `const candor = require('candor-nps');
console.log(JSON.stringify({ createNps: typeof candor.createNps, parseConfig: typeof candor.parseConfig }));
`,
    );
    expect(JSON.parse(node('cjs.cjs'))).toEqual({ createNps: 'function', parseConfig: 'function' });
  });

  it('serves candor-nps/headless: import and require on a server, submit() rejects (Unsupported), typed BridgeMessage', async () => {
    await writeFile(
      join(consumer, 'headless.mjs'),
      `import { createSurvey, CandorError } from 'candor-nps/headless';
const survey = createSurvey({ survey: 'app', endpoint: 'https://x.test/c' });
const error = await survey.submit({ score: 9, consentVersion: '1' }).catch((e) => e);
console.log(JSON.stringify({ isCandor: error instanceof CandorError, code: error.code, ask: survey.shouldAsk() }));
`,
    );
    expect(JSON.parse(node('headless.mjs'))).toEqual({ isCandor: true, code: 'Unsupported', ask: false });
    await writeFile(
      join(consumer, 'headless.cjs'),
      `const { createSurvey } = require('candor-nps/headless');
console.log(JSON.stringify({ createSurvey: typeof createSurvey }));
`,
    );
    expect(JSON.parse(node('headless.cjs'))).toEqual({ createSurvey: 'function' });
    await writeFile(
      join(consumer, 'bridge-types.mts'),
      `import type { BridgeMessage } from 'candor-nps/headless';
import { createSurvey, type Survey } from 'candor-nps/headless';

export function onMessage(data: string, survey: Survey): string {
  const message = JSON.parse(data) as BridgeMessage;
  switch (message.type) {
    case 'closed':
      return message.payload.reason;
    case 'responses':
      return message.payload.responses.map((r) => r.id).join();
    case 'error':
      return message.payload.message;
    default:
      return survey.shouldAsk() ? message.type : '';
  }
}
// @ts-expect-error 'gone' is not a reason: proves the union is real, not \`any\`
const wrong: Extract<BridgeMessage, { type: 'closed' }>['payload']['reason'] = 'gone';
void wrong;
void createSurvey;
`,
    );
    for (const [moduleResolution, module] of [
      ['bundler', 'esnext'],
      ['nodenext', 'nodenext'],
    ]) {
      await typeCheck('bridge-types.mts', moduleResolution!, module!);
    }
  });

  it('serves candor-nps/schema to servers: ESM import, CJS require and types under bundler and nodenext', async () => {
    const bad = `{ v: 1, responses: [{ id: 'x' }] }`;
    await writeFile(
      join(consumer, 'schema.mjs'),
      `import { parseBatch, MAX_BATCH } from 'candor-nps/schema';
console.log(JSON.stringify({ max: MAX_BATCH, result: parseBatch(${bad}) }));
`,
    );
    await writeFile(
      join(consumer, 'schema.cjs'),
      `const { parseBatch } = require('candor-nps/schema');
console.log(JSON.stringify(parseBatch(${bad})));
`,
    );
    const esm = JSON.parse(node('schema.mjs'));
    expect(esm).toMatchObject({ max: 50, result: { ok: false, field: 'id', index: 0 } });
    expect(JSON.parse(node('schema.cjs'))).toEqual(esm.result);

    await writeFile(
      join(consumer, 'schema-types.mts'),
      `import { parseBatch } from 'candor-nps/schema';
import type { ParseBatchResult, SchemaResponse } from 'candor-nps/schema';

const result: ParseBatchResult = parseBatch(JSON.parse('{}'));
if (result.ok) result.batch.responses[0]!.score.toFixed();
else result.field?.toUpperCase();
// @ts-expect-error score is a number: proves the inferred types are real, not \`any\`
const wrong: SchemaResponse['score'] = '9';
void wrong;
`,
    );
    for (const [moduleResolution, module] of [
      ['bundler', 'esnext'],
      ['nodenext', 'nodenext'],
    ]) {
      await typeCheck('schema-types.mts', moduleResolution!, module!);
    }
  });

  it('serves each language as its own module: candor-nps/locales/de by import, require and types', async () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining(['dist/locales/de.mjs', 'dist/locales/de.js', 'dist/locales/all.js']),
    );
    await writeFile(
      join(consumer, 'locale.mjs'),
      `import { de } from 'candor-nps/locales/de';
import { registerLocale, parseConfig } from 'candor-nps';
registerLocale('de', de);
console.log(JSON.stringify({ yes: de.yes, keys: Object.keys(de).length }));
`,
    );
    await writeFile(
      join(consumer, 'locale.cjs'),
      `console.log(JSON.stringify(require('candor-nps/locales/ja').ja.yes));
`,
    );
    expect(JSON.parse(node('locale.mjs'))).toMatchObject({ yes: expect.any(String), keys: expect.any(Number) });
    expect(JSON.parse(node('locale.cjs'))).toEqual(expect.any(String));
    await writeFile(
      join(consumer, 'locale-types.mts'),
      `import { de } from 'candor-nps/locales/de';
import { registerLocale, type Strings } from 'candor-nps';
const table: Strings = de;
registerLocale('de', table);
// @ts-expect-error a table holds strings: proves the types are real, not \`any\`
const wrong: number = de.yes;
void wrong;
`,
    );
    for (const [moduleResolution, module] of [
      ['bundler', 'esnext'],
      ['nodenext', 'nodenext'],
    ]) {
      await typeCheck('locale-types.mts', moduleResolution!, module!);
    }
  });

  const consumerTypes = `import { createNps } from 'candor-nps';
import type { ConfigInput, NpsInstance } from 'candor-nps';

const input: ConfigInput = { survey: 'home', endpoint: 'https://x.test/c' };
const nps: NpsInstance = createNps(input);
const off: () => void = nps.on('submit', (e) => e.score.toFixed());
off();
// @ts-expect-error survey must be a string: proves the types are real, not \`any\`
createNps({ survey: 42, endpoint: 'https://x.test/c' });
`;

  it.each([
    ['bundler', 'esnext'],
    ['nodenext', 'nodenext'],
  ])('type-checks for TypeScript users with moduleResolution %s', async (moduleResolution, module) => {
    await writeFile(join(consumer, 'types.mts'), consumerTypes);
    await typeCheck('types.mts', moduleResolution, module);
  });
});
