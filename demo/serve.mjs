// `npm start`: serves the demo site and the built widget on http://localhost:8787.
// Issue #5 grows this into the full loop with the reference collector and SQLite.
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendFile } from './sendFile.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORT = Number(process.env.PORT ?? 8787);
// What the demo may serve: its pages, the build, and the npm page's dependencies (import map).
const ROUTES = [
  ['/dist/', 'dist/'],
  ['/vendor/preact/', 'node_modules/preact/'],
  ['/vendor/idb-keyval/', 'node_modules/idb-keyval/'],
  ['/', 'demo/site/'],
];

const server = createServer(async (req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  if (path.endsWith('/')) path += 'index.html';
  const [prefix, dir] = ROUTES.find(([p]) => path.startsWith(p)) ?? [];
  if (!prefix || path.includes('..')) return res.writeHead(404).end('not found');
  await sendFile(res, join(ROOT, dir, path.slice(prefix.length)));
});

server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') {
    console.error(
      `Port ${PORT} is already in use (is the demo already running?). Stop it, or start on another port: PORT=8788 npm start`,
    );
  } else {
    console.error(`The demo server could not start: ${error.message}`);
  }
  process.exit(1);
});

server.listen(PORT, 'localhost', () => {
  console.log(`Candor demo
  script tag:  http://localhost:${PORT}/
  npm module:  http://localhost:${PORT}/npm.html
Answers are shown on the page (the collector arrives with issue #5). Ctrl-C stops.`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
  });
}
