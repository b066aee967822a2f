import { createNps } from '../src/createNps.js';
import { browserEnv } from '../src/browserEnv.js';
import type { Gate } from '../src/gate.js';

// The rest of Candor for the script-tag loader (dist/candor.js): an ES module under dist/parts/,
// imported from candor.js's own URL when a survey needs it.

export { ack } from '../src/transports/bridge.js';
export { registerLocale as locale } from '../src/strings.js';

/** The survey the loader checked and whose rules it runs, with its prompt, storage and delivery. */
export const start = (gate: Gate) => createNps(gate.config, browserEnv(), gate);
