import type { NpsEvents, NpsInstance } from '../index.js';

/** Listeners by event name, each typed with that event's data: every event NpsEvents declares. */
export type NpsEventHandlers = Partial<{ [K in keyof NpsEvents]: (data: NpsEvents[K]) => void }>;

/**
 * Listens to `nps` on behalf of handlers that are new functions at each
 * render: returns `listen(handlers)`, which subscribes each of their event
 * names once; the listener calls whichever handler `latest` holds when the
 * event fires (none, once it was removed). `destroy()` drops the listeners.
 */
export function relay(
  nps: NpsInstance,
  latest: { readonly current: NpsEventHandlers | undefined },
): (handlers: NpsEventHandlers | undefined) => void {
  const heard = new Set<string>();
  return (handlers) => {
    // The names come from the handlers passed, not from a list here: an event the widget
    // adds works as soon as NpsEvents declares it.
    for (const name of Object.keys(handlers ?? {})) {
      if (heard.has(name)) continue;
      heard.add(name);
      const event = name as keyof NpsEvents;
      nps.on(event, (data) => (latest.current?.[event] as ((data: unknown) => void) | undefined)?.(data));
    }
  };
}
