import type { ConfigInput } from '../index.js';
import type { NpsEventHandlers } from './relay.js';
import { useNps } from './useNps.js';

/** The props of `<NpsPrompt>`: a `createNps` config, plus listeners. */
export interface NpsPromptProps extends ConfigInput {
  /**
   * Listeners by event name, e.g. `{ shown: () => …, submit: (response) => … }`.
   * New functions at each render are fine: the latest is called, nothing is re-created.
   */
  events?: NpsEventHandlers;
}

/**
 * Runs the survey while mounted, as `useNps(config, events)` does. Renders
 * nothing itself: the widget draws its own card in its shadow DOM, where the
 * config's `position` says. Use each survey once in a tree.
 */
export function NpsPrompt({ events, ...config }: NpsPromptProps): null {
  useNps(config, events);
  return null;
}
