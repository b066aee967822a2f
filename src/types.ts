import type { Config } from './config.js';
import type { NpsResponse } from './response.js';
import type { OutboxRecord } from './outbox.js';
import type { ThrottleEntry } from './throttle.js';
import type { Receipt } from './receipts.js';
import type { NpsContact } from './contact.js';
import type { Step } from './ui/cardProps.js';

/** Why a prompt went away (the `closed` event). */
export type CloseReason = 'completed' | 'dismissed' | 'declined' | 'hidden';

/** What each event hands its listeners. */
export interface NpsEvents {
  /** The prompt is on screen. */
  shown: { survey: string };
  /** The person answered the consent step. */
  consent: { granted: boolean };
  /** An answer was accepted and stored: the anonymised response, as it will be sent. */
  submit: NpsResponse;
  /** The person declined or closed the prompt before answering; `step` is where (absent from `markDismissed()`). */
  dismiss: { survey: string; step?: Step };
  /**
   * A drawn prompt went away: `completed` after a score was given (the
   * thank-you step closed, or the person closed a later step), `dismissed`
   * (closed at the consent or score step), `declined` (said no at the consent
   * step), `hidden` (`hide()`, `destroy()`, or a navigation the URL rules
   * exclude). A host modal or a webview can close on it.
   */
  closed: { survey: string; reason: CloseReason };
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
  /** Show even after a recent answer or dismissal (`rules.resurveyDays`, `rules.dismissDays`). Never overrides GPC. */
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

/**
 * A survey without UI (`createSurvey` from `candor-nps/headless`): it stores,
 * anonymises and delivers the answers your own UI collects.
 */
export interface Survey {
  readonly config: Config;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof NpsEvents>(event: K, fn: (data: NpsEvents[K]) => void): () => void;
  /**
   * Stores an answer your own UI collected, after your UI obtained consent.
   * Resolves with the response once it is stored; rejects with `CandorError`
   * (nothing stored), also where there is no browser (`Unsupported`).
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
  /**
   * Whether the when-to-ask rules allow asking now: Global Privacy Control,
   * the URL rules, `minPageViews` (page views are counted from creation), the
   * sample (drawn once per page load), and the re-survey and dismissal
   * throttles. Not `delayMs`: when to draw is your UI's choice.
   */
  shouldAsk(): boolean;
  /** Your UI showed the prompt: noted in the throttle record; emits `shown`. */
  markShown(): void;
  /** Your UI's prompt was closed or declined without an answer: `rules.dismissDays` applies; emits `dismiss`. */
  markDismissed(): void;
  /**
   * Sets the `segment` of answers given from now on (validated like the
   * config's; throws `CandorConfigError`). `undefined` clears it.
   */
  setSegment(segment: Record<string, string> | undefined): void;
  /** Stops timers and listeners. Stored answers stay and are delivered later. */
  destroy(): void;
}

/** A running survey with Candor's own prompt (`createNps`). */
export interface NpsInstance extends Survey {
  /** Shows the prompt now (once the document has a body). Returns false when it will not show. */
  show(options?: ShowOptions): boolean;
  /** Closes the prompt without counting it as a dismissal (`closed` with reason `hidden`). */
  hide(): void;
  /** Closes the prompt, stops timers and listeners. Stored answers stay and are delivered later. */
  destroy(): void;
  /**
   * Stores an answer your own UI collected, after your UI obtained consent
   * (for an app that draws its own prompt, `candor-nps/headless` is smaller).
   * Resolves with the response once it is stored; rejects with `CandorError`.
   */
  submit(answer: Answer): Promise<NpsResponse>;
}
