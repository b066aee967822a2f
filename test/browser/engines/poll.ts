/**
 * Runs `fn(arg)` in a page through `evaluate` every 100 ms until it returns
 * something truthy, and resolves with that; rejects after `timeout` ms with
 * the start of `fn`'s source in the message. Shared by every engine's `waitFor`.
 */
export async function poll<R, A>(
  evaluate: (fn: (arg: A) => R | Promise<R>, arg?: A) => Promise<R>,
  fn: (arg: A) => R | Promise<R>,
  arg?: A,
  timeout = 10_000,
): Promise<R> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > until) {
      throw new Error(`waitFor: timed out after ${timeout} ms waiting for ${String(fn).slice(0, 120)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
