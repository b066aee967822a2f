#!/usr/bin/env node
// `npx candor-collector` (the package's bin; in this repository, after `npm run
// build`, also `node demo/collector/dist/demo/collector/cli.js`): starts the
// collector configured by flags and environment variables, or makes a backup.
import { createRequire } from 'node:module';
import { helpText, parseArgs } from './args.js';
import { backup } from './backup.js';
import { seed } from './seed.js';
import { dashboardLine, viewerLine } from './banner.js';
import { startCollector } from './start.js';

/** One line, no stack: every failure here is a message for the person running it. */
function fail(error: Error): never {
  console.error(error.message);
  process.exit(1);
}

try {
  const command = parseArgs(process.argv.slice(2), process.env);
  if (command.kind === 'help') process.stdout.write(helpText());
  else if (command.kind === 'version')
    console.log((createRequire(import.meta.url)('../../../package.json') as { version: string }).version);
  else if (command.kind === 'backup')
    backup(command.env, command.file).then(
      (pages) => console.log(`Backed up ${pages} pages to ${command.file}.`),
      fail,
    );
  else if (command.kind === 'seed') seed(command.env, command.survey).then((line) => console.log(line), fail);
  else
    startCollector(command.env, { handleSignals: true }).then((running) => {
      const team = viewerLine(running, process.stdout.isTTY);
      console.log(`Candor collector listening on ${running.url} (POST ${running.url}/v1/responses)
  dashboard: ${dashboardLine(running, process.stdout.isTTY)}${team ? `\n  for the team (aggregates only): ${team}` : ''}
Ctrl-C stops.`);
    }, fail);
} catch (error) {
  fail(error as Error);
}
