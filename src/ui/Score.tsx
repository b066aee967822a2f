import { h, Fragment } from 'preact';
import type { Strings } from '../locales/en.js';

/** Props of the score step; the card holds the chosen value. */
export interface ScoreProps {
  t: Strings;
  dir: 'ltr' | 'rtl';
  /** The chosen score, or -1 before a choice. */
  value: number;
  /** Label of the button that moves on: "Next" with a follow-up, else "Send". */
  action: string;
  onSelect(score: number): void;
  onScore(score: number): void;
}

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const MOVES: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The 0–10 question as a WAI-ARIA radio group: one tab stop, arrow keys move
 * and select in reading order (mirrored right to left), Home/End jump, Enter
 * goes on. A pointer tap selects and goes on at once.
 * https://www.w3.org/WAI/ARIA/apg/patterns/radio/
 */
export function Score({ t, dir, value, action, onSelect, onScore }: ScoreProps) {
  const onKeyDown = (n: number, e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      return e.key === 'Enter' ? onScore(n) : onSelect(n);
    }
    let move = MOVES[e.key];
    // Left and right follow the reading direction; up and down always mean previous and next.
    if (move && dir === 'rtl' && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) move = -move;
    const next = move ? (n + move + 11) % 11 : e.key === 'Home' ? 0 : e.key === 'End' ? 10 : -1;
    if (next < 0) return;
    e.preventDefault();
    ((e.currentTarget as HTMLElement).parentElement!.children[next] as HTMLElement).focus();
    onSelect(next);
  };
  const focusable = value < 0 ? 0 : value;

  return (
    <>
      <h2 id="question">{t.question}</h2>
      <div class="scale" role="radiogroup" aria-labelledby="question" part="scale">
        {SCORES.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            part="choice"
            aria-checked={value === n}
            aria-describedby={n === 0 ? 'low' : n === 10 ? 'high' : undefined}
            tabIndex={focusable === n ? 0 : -1}
            data-focus={focusable === n || undefined}
            onClick={(e) => (e.detail > 0 ? onScore(n) : onSelect(n))}
            onKeyDown={(e) => onKeyDown(n, e)}
          >
            {n}
          </button>
        ))}
      </div>
      <div class="ends">
        <span id="low">{t.low}</span>
        <span id="high">{t.high}</span>
      </div>
      <div class="actions">
        <button
          type="button"
          class="primary"
          part="button primary"
          aria-disabled={value < 0}
          onClick={() => value >= 0 && onScore(value)}
        >
          {action}
        </button>
      </div>
    </>
  );
}
