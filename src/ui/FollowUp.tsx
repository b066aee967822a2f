import { h, Fragment } from 'preact';
import type { Strings } from '../locales/en.js';
import { fill } from '../lib/fill.js';

/** Longest comment accepted, in UTF-16 code units (what `maxLength` counts). */
export const MAX_COMMENT = 1000;

/** Props of the optional follow-up step; the card holds the comment. */
export interface FollowUpProps {
  t: Strings;
  /** The prompt for the person's category (promoter, passive or detractor). */
  prompt: string;
  comment: string;
  onInput(comment: string): void;
  /** "Send" passes the comment (trimmed, if any), "Skip" passes nothing. */
  onDone(comment?: string): void;
}

/** An optional comment with a character count, "Send" and "Skip". */
export function FollowUp({ t, prompt, comment, onInput, onDone }: FollowUpProps) {
  return (
    <>
      <h2>
        <label for="comment">{prompt}</label>
      </h2>
      <textarea
        id="comment"
        part="textarea"
        rows={3}
        maxLength={MAX_COMMENT}
        value={comment}
        aria-describedby="hint count"
        data-focus
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <div class="meta">
        <span id="hint">{t.commentHint}</span>
        <span id="count">{fill(t.counter, { count: comment.length, max: MAX_COMMENT })}</span>
      </div>
      <div class="actions">
        <button type="button" class="primary" part="button primary" onClick={() => onDone(comment.trim() || undefined)}>
          {t.send}
        </button>
        <button type="button" class="secondary" part="button" onClick={() => onDone()}>
          {t.skip}
        </button>
      </div>
    </>
  );
}
