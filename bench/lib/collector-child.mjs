// Runs the compiled reference collector in its own process for the collector
// benchmark (so the load generator does not share its event loop):
//   node bench/lib/collector-child.mjs <repo root>   (forked with an IPC channel)
// Configured by its environment (CANDOR_DB or DATABASE_URL, PORT, HOST,
// CANDOR_RATE_LIMIT …), as `startCollector(process.env)` reads it. Messages:
// parent ← { ready: url } | { error }; parent → 'cpu' ← { cpu: process.cpuUsage() };
// parent → 'close' ← { closed: true } then exit.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.argv[2];
try {
  const { startCollector } = await import(
    pathToFileURL(join(root, 'demo/collector/dist/demo/collector/start.js')).href
  );
  const collector = await startCollector(process.env);
  process.on('message', async (message) => {
    if (message === 'cpu') process.send({ cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
    if (message === 'close') {
      await collector.close();
      process.send({ closed: true }, () => process.exit(0));
    }
  });
  process.send({ ready: collector.url });
} catch (error) {
  process.send({ error: error.message }, () => process.exit(1));
}
