// Starts one throwaway PostgreSQL for the collector tests (each suite makes
// its own database in it). Without PostgreSQL installed the PostgreSQL tests
// are skipped with the reason printed, except under CI=true, where that fails
// the run: CI must test both storages.
import type { TestProject } from 'vitest/node';
import { findPostgres, startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the throwaway server, or '' when PostgreSQL is not installed. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const bin = findPostgres();
  if (!bin) {
    const reason = 'PostgreSQL is not installed (apt-get install -y postgresql)';
    if (process.env.CI === 'true') throw new Error(`${reason}: CI must run the PostgreSQL storage tests`);
    console.warn(`Skipping the PostgreSQL storage tests: ${reason}.`);
    project.provide('postgresUrl', '');
    return;
  }
  const server = await startPostgres(bin);
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
