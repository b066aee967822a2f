// Public entry of `candor-nps/react`: re-exports only. It builds on the main
// entry's `createNps`, imported as `candor-nps` in the built files, so an app
// holds one copy of the widget. Importing it touches no window or document.
export { useNps } from './useNps.js';
export { NpsPrompt } from './NpsPrompt.js';
export type { NpsPromptProps } from './NpsPrompt.js';
export type { NpsEventHandlers } from './relay.js';
