import { readConfig } from './config.js';
import { SAMPLE_SURVEY, seedSample } from './sample.js';
import { openStorage } from './storage/open.js';

/**
 * `candor-collector seed [SURVEY]`: stores the sample answers (sample.ts) in the configured database,
 * SQLite or PostgreSQL, in `survey` (default "sample") if it has none. Resolves the line to print.
 */
export async function seed(env: Readonly<Record<string, string | undefined>>, survey = SAMPLE_SURVEY): Promise<string> {
  if (!/^[a-z0-9_-]{1,64}$/.test(survey))
    throw new Error(`seed: expected a survey id of 1–64 characters a-z, 0-9, _ or -, got ${JSON.stringify(survey)}`);
  const config = readConfig(env);
  const storage = await openStorage(config.storage);
  try {
    const stored = await seedSample(storage, Date.now(), survey);
    return `Stored ${stored.toLocaleString('en')} sample answers in survey "${survey}": open the dashboard with ?survey=${survey}.`;
  } finally {
    await storage.close();
  }
}
