// Sends one file over HTTP with its content type, or a 404. Used by the demo
// server and by the browser tests' static server.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} file absolute path
 * @param {Record<string, string>} [headers] extra response headers
 */
export async function sendFile(res, file, headers = {}) {
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      // The widget's built files load from any origin, as from a CDN: the loader's parts are modules, which a
      // page of another origin (or a sandboxed frame, whose origin is opaque) may only import with CORS.
      ...(/[/\\]dist[/\\].*\.js$/.test(file) ? { 'access-control-allow-origin': '*' } : {}),
      ...headers,
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}
