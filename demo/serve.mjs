// `npm start`: the whole loop on this machine. The reference collector
// (demo/collector, SQLite in ./data/candor.db unless CANDOR_DB or DATABASE_URL
// say otherwise) takes the answers, and on the same origin serves the demo
// site (a product page using the script tag, one using the npm module), the
// built widget and the NPS dashboard. Run after `npm run build` (npm start does).
import { serveStatic } from '@hono/node-server/serve-static';
import { dashboardLine, viewerLine } from './collector/dist/demo/collector/banner.js';
import { SAMPLE_SURVEY, seedSample } from './collector/dist/demo/collector/sample.js';
import { startCollector } from './collector/dist/demo/collector/start.js';

/** Static files of the demo (paths relative to the repository, where npm start runs). */
function demoRoutes(app) {
  app.use('/dist/*', serveStatic({ root: './' }));
  // The npm page's import map points here: the module's dependencies, as a bundler would provide them.
  app.use('/vendor/preact/*', serveStatic({ root: './node_modules/preact', rewriteRequestPath: (p) => p.slice(14) }));
  app.use(
    '/vendor/idb-keyval/*',
    serveStatic({ root: './node_modules/idb-keyval', rewriteRequestPath: (p) => p.slice(18) }),
  );
  app.use('/*', serveStatic({ root: './demo/site' }));
}

try {
  // The demo's terminal shows the links, not a JSON line per request (CANDOR_LOG_LEVEL=info for those).
  const env = { ...process.env, CANDOR_LOG_LEVEL: process.env.CANDOR_LOG_LEVEL || 'warn' };
  const running = await startCollector(env, { routes: demoRoutes, handleSignals: true });
  const { url } = running;
  const dashboard = dashboardLine(running, process.stdout.isTTY);
  const team = viewerLine(running, process.stdout.isTTY);
  const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : process.env.CANDOR_DB || './data/candor.db';
  // A database without any answer (the first start): made-up answers in survey "sample", so every
  // panel of the dashboard has something to show at once. Real surveys never get any.
  const surveys = await running.storage.surveys();
  const seeded = surveys.length === 0 ? await seedSample(running.storage, Date.now()) : 0;
  const sample =
    seeded || surveys.includes(SAMPLE_SURVEY)
      ? `\n  sample data: ${dashboard.replace('/dashboard/', `/dashboard/?survey=${SAMPLE_SURVEY}`)}` +
        (seeded ? ` (${seeded.toLocaleString('en')} made-up answers, stored now)` : '')
      : '';
  console.log(`Candor demo, the whole loop on this machine
  script tag:  ${url}/
  npm module:  ${url}/npm.html
  dashboard:   ${dashboard.replace('/dashboard/', '/dashboard/?survey=demo')}${sample}${team ? `\n  for the team (aggregates only): ${team.replace('/dashboard/', '/dashboard/?survey=demo')}` : ''}
  collector:   POST ${url}/v1/responses → ${where}
Ctrl-C stops (answers already acknowledged are on disk).`);
} catch (error) {
  // One line, no stack: every start failure is a message for the person running it.
  console.error(error.message);
  process.exit(1);
}
