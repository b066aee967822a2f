import { h, Component } from 'preact';
import { categoryOf } from '../lib/category.js';
import { Consent } from './Consent.js';
import { Score } from './Score.js';
import { FollowUp } from './FollowUp.js';
import { Thanks } from './Thanks.js';
import { Contact } from './Contact.js';
import { float } from './float.js';
import { presence } from './presence.js';
import { trapTab } from './trapTab.js';
import { OFFER_MS, THANKS_MS, type CardProps, type Step } from './cardProps.js';

export { OFFER_MS, THANKS_MS, type CardProps, type Step } from './cardProps.js';

interface CardState {
  step: Step;
  /** The chosen score, -1 before a choice. */
  score: number;
  comment: string;
  /** Text of the polite live region. */
  announce: string;
  /** The answer could not be stored (thanks step only). */
  failed?: boolean;
  /** The address typed at the contact step, and what went wrong with it. */
  email?: string;
  contactProblem?: 'invalid' | 'failed' | undefined;
  /** The stored answer can be taken back: "Delete my answer" is offered. */
  undoable?: boolean;
  /** Where taking the answer back stands (thanks step only). */
  withdrawal?: 'done' | 'failed';
}

/**
 * The prompt: consent ▸ score ▸ follow-up ▸ thanks. A card that appears by
 * itself never takes focus (unless it covers the page): it is announced
 * politely. Once the person acts in it, focus follows them from step to step.
 * One stateful component; the steps are plain functions of its state.
 */
export class Card extends Component<CardProps, CardState> {
  override state: CardState = { step: 'consent', score: -1, comment: '', announce: '' };
  _root: HTMLElement | null = null;
  _timers: ReturnType<typeof setTimeout>[] = [];

  override componentDidMount() {
    if (this.props.kind !== 'region') float(this._root!);
    this._enter(this.props.kind === 'modal');
  }

  override componentDidUpdate(_: CardProps, previous: CardState) {
    // Steps change only when the person acts in the card: the control they used
    // is gone, so focus goes to the new step instead of falling to <body>.
    if (previous.step !== this.state.step) this._enter(true);
  }

  override componentWillUnmount() {
    this._timers.forEach(clearTimeout);
    clearTimeout(this._closer);
  }

  /** A step has been drawn: move focus into it, or announce it. */
  _enter(moveFocus: boolean) {
    const card = this._root!;
    if (moveFocus) card.querySelector<HTMLElement>('[data-focus]')?.focus();
    // Screen readers read a newly focused control anyway; announce only when focus stayed put.
    const announce = moveFocus ? '' : (card.querySelector('h2')?.textContent ?? '');
    this._timers.forEach(clearTimeout);
    this._timers = [setTimeout(() => this.setState({ announce }), 100)];
    // A failure stays until the person closes it: they should get to read it.
    if (this.state.step === 'thanks' && !this.state.failed) this._later();
  }

  /** Focus or the pointer inside the card keeps an offered "Delete my answer" open. */
  _presence = presence(() => this._root);
  _closer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Closes the thanks step by itself: after a few seconds, or, while it
   * offers "Delete my answer", only once neither focus nor the pointer has
   * been inside the card for `OFFER_MS`.
   */
  _later() {
    clearTimeout(this._closer);
    // A failed withdrawal keeps offering the button (and its error): the card stays.
    const offering = this.state.undoable && this.state.withdrawal !== 'done';
    if (this.state.step !== 'thanks' || this.state.failed || (offering && this._presence.inside())) return;
    this._closer = setTimeout(() => this.props.onClose('thanks'), offering ? OFFER_MS : THANKS_MS);
  }

  _track = (e: Event) => {
    this._presence.seen(e);
    this._later();
  };

  _leaving = false;
  /** The contact step is done: with an address, once it is stored; without one, at once. */
  _contact = (email?: string) => {
    if (!email) return this.setState({ step: 'thanks' });
    if (this._leaving) return;
    this._leaving = true;
    this.props.onContact!(email).then(
      (ok) => ((this._leaving = false), this.setState(ok ? { step: 'thanks' } : { contactProblem: 'invalid' })),
      () => ((this._leaving = false), this.setState({ contactProblem: 'failed' })),
    );
  };

  _withdrawing = false;
  _withdraw = () => {
    if (this._withdrawing) return;
    this._withdrawing = true;
    this.props.onWithdraw!().then(
      () => this.setState({ withdrawal: 'done' }, () => this._enter(true)),
      () => ((this._withdrawing = false), this.setState({ withdrawal: 'failed' })),
    );
  };

  _sending = false;
  /** "Thank you" only once the answer is committed: the card never claims what did not happen. */
  _submit(score: number, comment?: string) {
    if (this._sending) return;
    this._sending = true;
    this.props.onSubmit(score, comment).then(
      (undoable) =>
        this.setState({
          step: this.props.onContact ? 'contact' : 'thanks',
          undoable: undoable === true && !!this.props.onWithdraw,
        }),
      () => this.setState({ step: 'thanks', failed: true }),
    );
  }

  _onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      this._close();
    } else if (e.key === 'Tab' && this.props.kind === 'modal') {
      // A floating card never traps focus.
      trapTab(this._root!, e);
    }
  };

  _close = () => {
    const { step, score } = this.state;
    // Closing the follow-up keeps the score already given, like "Skip".
    if (step === 'followUp' && !this._sending) this.props.onSubmit(score).catch(() => {});
    this.props.onClose(step);
  };

  override render(
    { texts, followUp, policyUrl, kind, onConsent }: CardProps,
    { step, score, comment, announce, failed, withdrawal, undoable, email, contactProblem }: CardState,
  ) {
    const { t, dir, lang } = texts;
    return (
      <section
        ref={(el) => void (this._root = el)}
        class={`card ${kind}`}
        part="card"
        dir={dir}
        lang={lang}
        role={kind === 'region' ? 'region' : 'dialog'}
        aria-modal={kind === 'modal' || undefined}
        aria-label={t.label}
        onKeyDown={this._onKeyDown}
        onFocusIn={this._track}
        onFocusOut={this._track}
        onPointerEnter={this._track}
        onPointerLeave={this._track}
      >
        <button type="button" class="x" part="close" aria-label={t.close} onClick={this._close}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
          </svg>
        </button>
        {step === 'consent' && (
          <Consent
            t={t}
            policyUrl={policyUrl}
            onAnswer={(granted) => {
              onConsent(granted);
              if (granted) this.setState({ step: 'score' });
            }}
          />
        )}
        {step === 'score' && (
          <Score
            t={t}
            dir={dir}
            value={score}
            action={followUp ? t.next : t.send}
            onSelect={(n) => this.setState({ score: n })}
            onScore={(n) => (followUp ? this.setState({ score: n, step: 'followUp' }) : this._submit(n))}
          />
        )}
        {step === 'followUp' && (
          <FollowUp
            t={t}
            prompt={t[categoryOf(score)]}
            comment={comment}
            onInput={(c) => this.setState({ comment: c })}
            onDone={(c) => this._submit(score, c)}
          />
        )}
        {step === 'contact' && (
          <Contact
            t={t}
            email={email ?? ''}
            problem={contactProblem}
            onInput={(e) => this.setState({ email: e, contactProblem: undefined })}
            onDone={this._contact}
          />
        )}
        {step === 'thanks' && (
          <Thanks t={t} failed={failed} withdrawal={withdrawal} onWithdraw={undoable ? this._withdraw : undefined} />
        )}
        <p class="sr" aria-live="polite">
          {announce}
        </p>
      </section>
    );
  }
}
