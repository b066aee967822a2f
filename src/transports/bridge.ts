import type { SendResult } from './fetch.js';
import type { Timers } from '../lib/timers.js';

import type { BridgeMessage, BridgeType } from '../bridgeMessage.js';
import type { Emitter } from '../lib/emitter.js';
import type { NpsEvents } from '../types.js';

/** How long a `responses` message waits for `Candor.ack(ids)` before it counts as failed and is retried. */
export const ACK_TIMEOUT_MS = 10_000;

interface NativeHosts {
  webkit?: { messageHandlers?: { candor?: { postMessage(message: unknown): void } } };
  CandorAndroid?: { postMessage(json: string): void };
  ReactNativeWebView?: { postMessage(json: string): void };
}

/**
 * Posts `{candor: 1, type, payload}` to the first native host that exists:
 * iOS WKWebView (an object), Android `@JavascriptInterface` or React Native
 * (a JSON string). Returns false when the page has no native host.
 */
export function post<T extends BridgeType>(type: T, payload: Extract<BridgeMessage, { type: T }>['payload']): boolean {
  const w = globalThis as NativeHosts;
  const message = { candor: 1, type, payload };
  try {
    const ios = w.webkit?.messageHandlers?.candor;
    if (ios) ios.postMessage(message);
    else if (w.CandorAndroid) w.CandorAndroid.postMessage(JSON.stringify(message));
    else if (w.ReactNativeWebView) w.ReactNativeWebView.postMessage(JSON.stringify(message));
    else return false;
    return true;
  } catch {
    // A native host that throws is a host that did not receive it.
    return false;
  }
}

const waiting = new Set<(acked: Set<string>) => void>();
const ackListeners = new Set<(ids: string[]) => void>();

/** Listens to acknowledgements from the app (each delivery deletes what is acked). */
export function onAck(fn: (ids: string[]) => void): () => void {
  ackListeners.add(fn);
  return () => ackListeners.delete(fn);
}

/**
 * The app acknowledges records it has stored (`Candor.ack(ids)` through
 * evaluateJavaScript / injectJavaScript). Acked records are deleted; records
 * never acked are offered again, at the latest on the next start.
 */
export function ack(ids: unknown): void {
  const list = (Array.isArray(ids) ? ids : [ids]).filter((id): id is string => typeof id === 'string');
  const set = new Set(list);
  // Offers waiting first: a withdrawal's check can still tell a late ack of an answer from its own.
  waiting.forEach((fn) => fn(set));
  ackListeners.forEach((fn) => fn(list));
}

/**
 * Offers a batch to the app and waits for its acknowledgement: all acked is a
 * success (204); no full ack within 10 s is a failure the flusher retries with
 * backoff (records acked meanwhile are already deleted); no native host at all
 * pauses the route for the page (`fatal`). `responses` carries answers;
 * `withdraw` asks the app to delete answers it was given: `{ ids, proofs }`,
 * where `proofs[i]` is the deletion secret whose SHA-256 is answer `ids[i]`'s `proof`.
 */
export function bridgeSend(
  ids: string[],
  type: 'responses' | 'withdraw',
  payload: unknown,
  timers: Timers,
  counts: (id: string) => boolean = () => true,
): Promise<SendResult & { acked: string[] }> {
  const open = new Set(ids);
  return new Promise((resolve) => {
    const done = (result: SendResult) => {
      waiting.delete(check);
      timers.clearTimeout(timer);
      resolve({ ...result, acked: ids.filter((id) => !open.has(id)) });
    };
    const check = (acked: Set<string>) => {
      acked.forEach((id) => counts(id) && open.delete(id));
      if (!open.size) done({ status: 204 });
    };
    const timer = timers.setTimeout(
      () => done({ status: 0, message: `the app acknowledged ${ids.length - open.size} of ${ids.length}` }),
      ACK_TIMEOUT_MS,
    );
    waiting.add(check);
    if (!post(type, payload as never)) {
      done({
        status: 0,
        fatal:
          'transport "bridge": the page has no native bridge (webkit.messageHandlers.candor, CandorAndroid, ReactNativeWebView)',
      });
    }
  });
}

/** Events the app hears over the bridge, with the same payloads (answers travel as `responses`). */
export const FORWARDED = ['shown', 'consent', 'dismiss', 'closed', 'delivered', 'dropped', 'error'] as const;

/** Posts each of these events to the app as a bridge message of the same name, with the same payload. */
export function forward(on: Emitter<NpsEvents>['on'], types: readonly (keyof NpsEvents & BridgeType)[]): void {
  for (const type of types) on(type, (data) => void post(type, data as never));
}
