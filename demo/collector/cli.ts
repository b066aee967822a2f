// `node build/demo/collector/cli.js` (after `npm run build`): runs the
// collector configured by environment variables (README "Collector").
import { startCollector } from './start.js';

startCollector(process.env, { handleSignals: true }).then(
  ({ url, dashboard }) =>
    console.log(`Candor collector listening on ${url} (POST ${url}/v1/responses)
  dashboard: ${dashboard}
Ctrl-C stops.`),
  (error: Error) => {
    // One line, no stack: every start failure is a message for the person running it.
    console.error(error.message);
    process.exit(1);
  },
);
