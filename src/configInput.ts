import type { Strings } from './locales/en.js';
import type { NpsResponse } from './response.js';

/**
 * Delivers a batch of answers itself; resolve once they are stored, reject to
 * retry later. With `withdraw` on it also needs `withdraw(ids)`: delete those
 * answers where you stored them; resolve once done, reject to retry later.
 */
export type CustomTransport = ((batch: NpsResponse[]) => Promise<void>) & {
  withdraw?: (ids: string[]) => Promise<void>;
};

/** A corner of the viewport, the whole page, or inside an element of the page. */
export type Position = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'full-page' | { inline: string };

/**
 * What `createNps` and `Candor.init` accept. Only `survey` and (for the
 * default transport) `endpoint` are required; docs/configuration.md has the full table.
 */
export interface ConfigInput {
  /** Survey id, `[a-z0-9_-]{1,64}`. */
  survey: string;
  /** Where answers are POSTed: https, or http on localhost. Required unless `transport` is "bridge" or a function. */
  endpoint?: string;
  /** Product name used in the question ("How likely are you to recommend {brand}…"). */
  brand?: string;
  /** Replaces the question; `{brand}` is filled in. */
  question?: string;
  /** Ask for an optional comment after the score (default true), or set the prompt per category. */
  followUp?: boolean | { promoter?: string; passive?: string; detractor?: string };
  /** Consent step: own text, a privacy policy link, and the version recorded with each answer (default "1"). */
  consent?: { text?: string; policyUrl?: string; version?: string };
  /** "auto" (default: from the browser's languages) or a BCP 47 tag. */
  locale?: string;
  /** Overrides of UI strings, flat (`{ question }`) or per language (`{ de: { question } }`). */
  strings?: Partial<Strings> | Record<string, Partial<Strings>>;
  /** Colours, corner radius (px), font and dark mode ("auto" follows the system). */
  theme?: {
    accent?: string;
    background?: string;
    text?: string;
    radius?: number;
    font?: string;
    dark?: 'auto' | boolean;
  };
  /** Where the card appears (default "bottom-right"; a bottom sheet on narrow screens). */
  position?: Position;
  /** CSP nonce, used only where constructable stylesheets are missing. */
  nonce?: string;
  /**
   * When the prompt appears by itself: after `delayMs` on a page view that
   * passes the URL rules, `minPageViews` and the `sample`, unless an answer
   * (`resurveyDays`, default 90) or a dismissal (`dismissDays`, default 30)
   * is recent, or Global Privacy Control is on (`respectGpc`, default true).
   */
  rules?: {
    /** false: never by itself, only when `show()` is called (the throttles still apply). Default true. */
    auto?: boolean;
    delayMs?: number;
    minPageViews?: number;
    urlIncludes?: string[];
    urlExcludes?: string[];
    sample?: number;
    resurveyDays?: number;
    dismissDays?: number;
    respectGpc?: boolean;
    storeThrottle?: boolean;
  };
  /** Show regardless of rules; store and send nothing. */
  preview?: boolean;
  /** How answers travel: "fetch" (default), "bridge" (webview app) or your own function. */
  transport?: 'fetch' | 'bridge' | CustomTransport;
  /** Days an undelivered answer may wait on the device (1–30, default 7). */
  ttlDays?: number;
  /**
   * Lets a person take an answer back after it was sent, for `days` days
   * (1–90, default 30): the device keeps a receipt with a deletion secret, and
   * `forget()` (or "Delete my answer" on the thank-you step) asks the endpoint
   * to delete it. Off by default: the endpoint must support `DELETE`.
   */
  withdraw?: { days?: number };
  /**
   * After the answer, asks "May we get back to you about this?" with an
   * optional e-mail address and its own sentence of consent; the address
   * travels as a record of its own, is kept apart from the answer by the
   * endpoint and deleted after the reply or `retentionDays` (1–90, default
   * 30). `version` is recorded with it. Off by default.
   */
  contact?: { enabled?: boolean; retentionDays?: number; version?: string };
  /** Up to 5 cohort values such as `{ plan: "pro" }`; never identifiers. */
  segment?: Record<string, string>;
  /** Log what Candor does to the console. */
  debug?: boolean;
}
