import type { Gate } from './gate.js';
import { gpcOn } from './lib/gpc.js';

/**
 * Whether `show()` may draw a prompt now: in a browser, without Global
 * Privacy Control, and not held back by a throttle (timing rules give way to
 * the developer; an answer or a dismissal only to `force`). When it may, the
 * scheduled prompt is cancelled: the caller draws it. Shared by the prompt
 * (`createNps`) and the script tag's loader, which answers `show()` before the
 * prompt's code has arrived.
 */
export function mayShow({ browser, config, scheduler }: Gate, force?: boolean): boolean {
  if (!browser || gpcOn(config)) return false;
  const why = config.preview || force ? undefined : scheduler.throttled();
  if (why) {
    if (config.debug) console.debug(`[Candor] not shown: ${why} (show({ force: true }) overrides)`);
    return false;
  }
  scheduler.cancel();
  return true;
}
