import type { Config } from './config.js';
import type { NpsResponse } from './response.js';
import type { OutboxRecord } from './outbox.js';
import type { ThrottleEntry } from './throttle.js';
import type { Receipt } from './receipts.js';
import type { NpsContact } from './contact.js';
import type { Step } from './ui/Card.js';

/** What each event hands its listeners. */
export interface NpsEvents {
  /** The prompt is on screen. */
  shown: { survey: string };
  /** The person answered the consent step. */
  consent: { granted: boolean };
  /** An answer was accepted and stored: the anonymised response, as it will be sent. */
  submit: NpsResponse;
  /** The person declined or closed the prompt before answering; `step` is where. */
  dismiss: { survey: string; step: Step };
  /** Answers of this survey reached the endpoint. */
  delivered: { ids: string[] };
  /** An answer of this survey was given up on: expired, rejected by the endpoint, or failed 25 times. */
  dropped: { id: string; reason: string };
  /** The endpoint confirmed that these answers of this survey are deleted (config `withdraw`). */
  withdrawn: { ids: string[] };
  /** Something the site owner should know: storage fell back, the endpoint refused, an answer was refused. */
  error: { message: string };
}

/** Options of `show()`. */
export interface ShowOptions {
  /** Reserved for the throttle rules (issue #6): show even when recently asked. Never overrides GPC. */
  force?: boolean;
}

/** An answer from an app that draws its own UI (headless mode). */
export interface Answer {
  /** 0–10, whole. */
  score: number;
  /** Optional free text; redacted on the device before it is stored. */
  comment?: string;
  /** The version of the consent text your UI showed and the person agreed to. Required. */
  consentVersion: string;
}

/** What `export()` returns: everything this survey stored on the device. */
export interface StoredData {
  survey: string;
  /** Answers waiting for delivery, with their delivery state. */
  answers: (Omit<OutboxRecord, 'v' | 'body'> & { body: NpsResponse })[];
  /**
   * Receipts of answers that can be taken back (config `withdraw`): what was
   * sent, when (`at`, `createdAt`, `deliveredAt`), to whom (`route`), the
   * deletion secret, and when the receipt is deleted (`expiresAt`).
   */
  receipts?: Omit<Receipt, 'v'>[];
  /** Contacts (e-mail addresses left for a reply, config `contact`) waiting for delivery. */
  contacts?: (Omit<OutboxRecord, 'v' | 'body'> & { body: NpsContact })[];
  /** Withdrawals `forget()` queued that the endpoint has not confirmed yet. */
  withdrawals?: Omit<OutboxRecord, 'v'>[];
  /** The throttle record (timestamps and a counter, no identifier), if any. */
  throttle?: ThrottleEntry;
}

/** A running survey. */
export interface NpsInstance {
  readonly config: Config;
  /** Shows the prompt now (once the document has a body). Returns false when it will not show. */
  show(options?: ShowOptions): boolean;
  /** Closes the prompt without counting it as a dismissal. */
  hide(): void;
  /** Closes the prompt, stops timers and listeners. Stored answers stay and are delivered later. */
  destroy(): void;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof NpsEvents>(event: K, fn: (data: NpsEvents[K]) => void): () => void;
  /**
   * Headless mode: stores an answer your own UI collected, after your UI obtained consent.
   * Resolves with the response once it is stored; rejects with `CandorError` (nothing stored).
   */
  submit(answer: Answer): Promise<NpsResponse>;
  /** Delivers what is due now. */
  flush(): Promise<void>;
  /**
   * Deletes everything this survey stored on the device: waiting answers,
   * receipts and the throttle record. With `withdraw` on, answers already
   * delivered are taken back: resolves once each withdrawal is queued (it
   * survives reloads and offline periods); `withdrawn` fires when the
   * endpoint confirms.
   */
  forget(): Promise<void>;
  /** Everything this survey stored on the device, as JSON-ready data. */
  export(): Promise<StoredData>;
}
