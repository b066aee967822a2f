import type { NpsResponse } from './response.js';
import type { NpsContact } from './contact.js';
import type { NpsEvents } from './types.js';

/**
 * Every message the page posts to the app over the webview bridge (protocol
 * v1), as `{ candor: 1, type, payload }`: a discriminated union on `type`
 * for React Native and TypeScript apps. `ready` always comes first.
 */
export type BridgeMessage = { candor: 1 } & (
  | { type: 'ready'; payload: { survey?: string; sdk: string } }
  | { type: 'shown'; payload: NpsEvents['shown'] }
  | { type: 'consent'; payload: NpsEvents['consent'] }
  | { type: 'dismiss'; payload: NpsEvents['dismiss'] }
  /** The prompt went away, or embed.html had nothing to show: dismiss the webview. */
  | { type: 'closed'; payload: NpsEvents['closed'] }
  /** Answers to store; reply with `Candor.ack(ids)`. */
  | { type: 'responses'; payload: { v: 1; responses: NpsResponse[]; contacts?: NpsContact[] } }
  /** Delete these answers (`proofs[i]` is the secret whose SHA-256 is answer `ids[i]`'s proof); reply with `Candor.ack(ids)`. */
  | { type: 'withdraw'; payload: { v: 1; ids: string[]; proofs: string[] } }
  | { type: 'delivered'; payload: NpsEvents['delivered'] }
  | { type: 'dropped'; payload: NpsEvents['dropped'] }
  | { type: 'error'; payload: NpsEvents['error'] }
);

/** The `type` of a bridge message. */
export type BridgeType = BridgeMessage['type'];
