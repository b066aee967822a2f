/** A listener map: `on` returns its own unsubscribe function. */
export interface Emitter<Events> {
  on<K extends keyof Events>(event: K, fn: (data: Events[K]) => void): () => void;
  emit<K extends keyof Events>(event: K, data: Events[K]): void;
  clear(): void;
}

/**
 * A tiny typed event emitter. A listener that throws is the host's own bug: it
 * is reported with `console.error` and never stops the other listeners or the
 * widget's own flow.
 */
export function createEmitter<Events>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(data: never) => void>>();
  return {
    on(event, fn) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn as (data: never) => void);
      return () => void set.delete(fn as (data: never) => void);
    },
    emit(event, data) {
      for (const fn of [...(listeners.get(event) ?? [])]) {
        try {
          (fn as (data: unknown) => void)(data);
        } catch (error) {
          console.error(`[Candor] a "${String(event)}" listener threw:`, error);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
