import type { Texts } from '../strings.js';

// What the card is given, and its timings: the contract between the card and its composition root.

/** The steps of a prompt, in order. */
export type Step = 'consent' | 'score' | 'followUp' | 'contact' | 'thanks';

/** How long the thanks step stays before the card closes itself. */
export const THANKS_MS = 4000;
/**
 * While "Delete my answer" is offered the card closes by itself only after
 * this long with neither focus nor the pointer inside it (WCAG 2.2.1).
 */
export const OFFER_MS = 20_000;

/** Props of the card. The card never stores or sends anything: it calls back. */
export interface CardProps {
  texts: Texts;
  followUp: boolean;
  policyUrl?: string | undefined;
  /** `dialog` floats, `modal` covers the page, `region` sits inline in the page. */
  kind: 'dialog' | 'modal' | 'region';
  onConsent(granted: boolean): void;
  /**
   * Stores the answer; the card thanks the person once it resolves, and says
   * so if it rejects. Resolving `true` means it can be taken back (`onWithdraw`).
   */
  onSubmit(score: number, comment?: string): Promise<unknown>;
  /** The card wants to close; `step` is where the person was. */
  onClose(step: Step): void;
  /**
   * Offered once the answer is stored (config `contact`): stores the address
   * the person left; resolves `false` when it is not an e-mail address.
   */
  onContact?: ((email: string) => Promise<boolean>) | undefined;
  /** Takes the stored answer back (config `withdraw`); resolves once that is queued. */
  onWithdraw?: (() => Promise<unknown>) | undefined;
}
