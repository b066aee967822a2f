// Builds the collector package into dist/: the TypeScript (the collector and the
// widget's shared schema and redactor from ../../src, compiled into the same
// tree so no other package is needed), then the dashboard's static files.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.json')], { stdio: 'inherit' });
// Next to the compiled code as in the repository (dist/demo/collector ↔ dist/demo/dashboard): the
// collector finds its dashboard by walking up from its own file.
cpSync(join(here, '..', 'dashboard'), join(dist, 'demo', 'dashboard'), { recursive: true });
