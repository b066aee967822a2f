// Peer packages, fetched from the npm registry at pinned versions during the
// bench and kept (extracted) under bench/.cache/ (git-ignored).
//
// `npm pack` uses npm's own registry settings and checks the tarball against
// the registry's integrity hash, so no URL or hash is written here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The peers, pinned. Bump deliberately: bytes.mjs names files inside these exact versions. */
export const PEERS = {
  posthog: { name: 'posthog-js', version: '1.449.2' },
  formbricks: { name: '@formbricks/surveys', version: '1.99.0' },
  sprig: { name: '@sprig-technologies/sprig-browser', version: '2.50.0' },
};

/**
 * Returns the directory of the extracted package (its `package/` folder),
 * downloading it with `npm pack` the first time.
 * @param {string} root the repository
 * @param {{ name: string, version: string }} pkg
 * @param {(msg: string) => void} [log]
 */
export function fetchPackage(root, { name, version }, log = () => {}) {
  const cache = join(root, 'bench', '.cache');
  const dir = join(cache, `${name.replace('/', '__')}@${version}`);
  const pkgDir = join(dir, 'package');
  if (existsSync(join(pkgDir, 'package.json'))) {
    const found = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
    if (found === version) return pkgDir;
  }
  mkdirSync(cache, { recursive: true });
  const tmp = mkdtempSync(join(cache, 'tmp-'));
  try {
    log(`npm pack ${name}@${version}`);
    const out = execFileSync('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', tmp], {
      cwd: tmp,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [{ filename }] = JSON.parse(out);
    const extract = join(tmp, 'x');
    mkdirSync(extract);
    execFileSync('tar', ['xzf', join(tmp, filename), '-C', extract]);
    rmSync(dir, { recursive: true, force: true });
    renameSync(extract, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return pkgDir;
}
