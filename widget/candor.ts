import { createNps, registerLocale, type ConfigInput } from '../src/index.js';
import { ack as bridgeAck } from '../src/transports/bridge.js';
import { createApi } from './api.js';

// The single-file script-tag entry (dist/candor.full.js): `window.Candor` with
// everything in one file, for SRI pinning, self-hosting and embed.html.

export const { init, ack, forget, ready, locale, version } = createApi({
  create: (config) => createNps(config as ConfigInput),
  ack: bridgeAck,
  locale: registerLocale,
});
