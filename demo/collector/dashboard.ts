// The NPS dashboard the collector serves: a few static files (demo/dashboard/,
// no build step) and the two uPlot files it needs. Files are looked up in
// allowlists made when mounting, never by joining a request path onto a
// directory, so no path can reach outside them.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';

/**
 * The dashboard page's policy. uPlot draws on canvas and sets its layout through
 * CSSOM (`el.style.x = …`, which style-src does not restrict), and neither it nor
 * the dashboard writes HTML, so Trusted Types can refuse every HTML sink: a
 * comment can never become markup, even by a later mistake.
 */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; " +
  "require-trusted-types-for 'script'; trusted-types 'none'";

/** The uPlot files the page loads: the minified build and its stylesheet. */
const UPLOT_FILES = ['uPlot.iife.min.js', 'uPlot.min.css'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The repository's demo/dashboard/: found by walking up from this file, which
 * runs from demo/collector/ (tests, through vitest) or dist/demo/collector/ in
 * the collector's package, where the build copies the dashboard to dist/demo/dashboard/.
 */
function dashboardDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ;) {
    const candidate = join(dir, 'demo', 'dashboard');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Candor dashboard: demo/dashboard/index.html not found above the collector');
    dir = parent;
  }
}

/** uPlot's dist/ folder, resolved as Node resolves the package (its `main` lives there). */
const uplotDir = (): string => dirname(createRequire(import.meta.url).resolve('uplot'));

/** name → absolute path, for the files of `dir` with a type above (and `only`, when given). */
function allowlist(dir: string, only?: readonly string[]): Map<string, string> {
  const names = readdirSync(dir).filter((name) => TYPES[extname(name)] && (!only || only.includes(name)));
  return new Map(names.map((name) => [name, join(dir, name)]));
}

async function send(c: Context, files: Map<string, string>, name: string, headers: Record<string, string> = {}) {
  const file = files.get(name);
  if (!file) return c.notFound();
  const body = await readFile(file);
  return c.body(body, 200, {
    'Content-Type': TYPES[extname(name)]!,
    // Small files served from a local checkout: always revalidate, so an edit shows at once.
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
}

/**
 * Adds the dashboard to a collector app (pass it as `startCollector`'s `routes`):
 * `GET /dashboard/` (the page, with a strict Content-Security-Policy),
 * `/dashboard/<file>` and `/vendor/uplot/<file>`. The page reads the collector's
 * read API from the same origin, so it needs the same auth as any read.
 */
export function mountDashboard(app: Hono): void {
  const pages = allowlist(dashboardDir());
  const vendor = allowlist(uplotDir(), UPLOT_FILES);
  const page = (c: Context) =>
    send(c, pages, 'index.html', {
      'Content-Security-Policy': DASHBOARD_CSP,
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });

  app.get('/dashboard', (c) => c.redirect(`/dashboard/${new URL(c.req.url).search}`, 301));
  app.get('/dashboard/', page);
  app.get('/dashboard/:file', (c) => {
    const name = c.req.param('file');
    return name === 'index.html' ? page(c) : send(c, pages, name);
  });
  app.get('/vendor/uplot/:file', (c) => send(c, vendor, c.req.param('file')));
}
