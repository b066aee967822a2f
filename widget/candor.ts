import { createNps, type NpsInstance } from '../src/index.js';
import { VERSION } from '../src/version.js';

// The script-tag entry: `window.Candor`. Nothing here may throw into the host page.
const running = new Map<string, NpsInstance>();

/**
 * Starts a survey. On a bad config it logs one line with `console.error`,
 * renders nothing and returns `null`. A second `init` for a survey that is
 * already running returns the running instance and warns.
 */
export function init(config: unknown): NpsInstance | null {
  try {
    const survey = (config as { survey?: unknown } | null)?.survey;
    const existing = typeof survey === 'string' ? running.get(survey) : undefined;
    if (existing) {
      console.warn(`[Candor] survey "${survey}" is already running; init returned the running instance`);
      return existing;
    }
    const nps = createNps(config as Parameters<typeof createNps>[0]);
    running.set(nps.config.survey, nps);
    const destroy = nps.destroy;
    nps.destroy = () => {
      running.delete(nps.config.survey);
      destroy();
    };
    return nps;
  } catch (error) {
    console.error(`[Candor] ${(error as Error).message}`);
    return null;
  }
}

export const version = VERSION;
