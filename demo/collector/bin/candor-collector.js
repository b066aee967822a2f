#!/usr/bin/env node
// The package's command. It exists before the build so that npm links it at install time
// (also in this repository's workspace); the code it runs is the compiled CLI in dist/.
import('../dist/demo/collector/cli.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('/dist/')) throw error;
  console.error('candor-collector is not built yet: run `npm run build` first');
  process.exit(1);
});
