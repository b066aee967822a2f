// Same-document navigations of single-page apps, seen once per window however
// many surveys listen. The Navigation API where present (no patching at all);
// elsewhere history.pushState / replaceState are wrapped — around whatever is
// there already, so the host's own patches keep working — plus `popstate`.
const listeners = new Set<() => void>();
let watching = false;

const fire = () => queueMicrotask(() => listeners.forEach((fn) => fn()));

function watch() {
  watching = true;
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation?.addEventListener) return navigation.addEventListener('currententrychange', fire);
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      fire();
      return result;
    };
  }
  addEventListener('popstate', fire);
}

/** Calls `fn` after each same-document navigation (the URL is already updated). Returns the unsubscribe function. */
export function onNavigate(fn: () => void): () => void {
  if (!watching) watch();
  listeners.add(fn);
  return () => listeners.delete(fn);
}
