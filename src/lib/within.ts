import type { Timers } from './timers.js';

/**
 * Settles like `promise`, or rejects once `ms` have passed without an answer.
 * With `grace`, the deadline is confirmed by a second, short wait: timers that
 * fell due while the page was frozen or the device slept fire together on
 * thaw, before pending I/O has had a chance to answer.
 */
export const within = <T>(promise: Promise<T>, ms: number, timers: Timers, what = 'no answer', grace = 0): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const fail = () => reject(new Error(`${what} in ${ms} ms`));
    let id = timers.setTimeout(() => (grace ? (id = timers.setTimeout(fail, grace)) : fail()), ms);
    promise.then(resolve, reject).finally(() => timers.clearTimeout(id));
  });
