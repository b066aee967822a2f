import type { NpsResponse } from '../response.js';
import { FETCH_TIMEOUT_MS, type SendResult } from './fetch.js';
import { within } from '../lib/within.js';
import type { Timers } from '../lib/timers.js';

/**
 * Delivers through the site owner's own async function: resolving means
 * stored (delete), throwing, rejecting or not settling within 15 s means
 * "try again later".
 */
export async function customSend(
  fn: (batch: NpsResponse[]) => Promise<void>,
  batch: NpsResponse[],
  timers: Timers,
): Promise<SendResult> {
  try {
    await within(
      Promise.resolve().then(() => fn(batch)),
      FETCH_TIMEOUT_MS,
      timers,
      'the transport function did not settle',
    );
    return { status: 204 };
  } catch (error) {
    return { status: 0, message: String((error as Error)?.message ?? error) };
  }
}
