import { useEffect, useRef, useState } from 'react';
import { createNps, type ConfigInput, type NpsInstance } from '../index.js';
import { configKey } from './configKey.js';
import { relay, type NpsEventHandlers } from './relay.js';

interface Running {
  key: string;
  nps: NpsInstance;
  listen: ReturnType<typeof relay>;
}

/**
 * Runs a survey while the calling component is mounted: `createNps(config)`
 * after mount, `destroy()` at unmount. Returns the instance (for `show()`,
 * `forget()`, `export()`, …), or `null` during server rendering and until
 * the first effect has run.
 *
 * Configs are compared by value (functions such as a `transport` by
 * identity): an inline object with equal values at each render keeps the same
 * instance; a changed value destroys it and creates a new one. A bad config
 * throws `CandorConfigError` from the effect, so the nearest error boundary
 * sees it.
 *
 * `events` are listeners by event name, subscribed as soon as the instance
 * exists, before it can show (an `on()` in your own effect may run after
 * `shown`); the latest function passed is called, and new functions at each
 * render re-create nothing.
 *
 * Use each survey once in a tree: two `useNps` calls with the same `survey`
 * run two instances (the script tag's one-per-survey registry is not involved).
 */
export function useNps(config: ConfigInput, events?: NpsEventHandlers): NpsInstance | null {
  const key = configKey(config);
  const latest = useRef(events);
  // Kept in an effect rather than written during render: a render React throws away must
  // not leave its handlers behind. Declared first, so it runs before the effects below.
  useEffect(() => {
    latest.current = events;
  });
  const names = Object.keys(events ?? {})
    .sort()
    .join(' ');
  const [running, setRunning] = useState<Running | null>(null);
  useEffect(() => {
    // Created in an effect, never during render: the server runs no effects, so it creates
    // nothing and touches no window or document. Under StrictMode the first instance is
    // destroyed by the cleanup before the second is created, so one prompt remains.
    const nps = createNps(config);
    const listen = relay(nps, latest);
    listen(events);
    setRunning({ key, nps, listen });
    return () => nps.destroy();
    // Only the key: `config` is a new object at each render, equal by value while the key is.
  }, [key]);
  // Handlers for events not listened to yet, added after the instance started.
  useEffect(() => running?.listen(events), [running, names]);
  // Between a config change and its effect, the old instance is already stale: hand out none.
  return running?.key === key ? running.nps : null;
}
