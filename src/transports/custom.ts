import type { NpsResponse } from '../response.js';
import type { SendResult } from './fetch.js';

/**
 * Delivers through the site owner's own async function: resolving means
 * stored (delete), throwing or rejecting means "try again later".
 */
export async function customSend(
  fn: (batch: NpsResponse[]) => Promise<void>,
  batch: NpsResponse[],
): Promise<SendResult> {
  try {
    await fn(batch);
    return { status: 204 };
  } catch (error) {
    return { status: 0, message: String((error as Error)?.message ?? error) };
  }
}
