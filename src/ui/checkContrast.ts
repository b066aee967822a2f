import { contrast } from '../lib/contrast.js';

/**
 * Debug mode: the theme's colours, as the browser computed them, checked
 * against WCAG 2.2 AA — 4.5:1 for text, 3:1 for the accent against the card
 * (focus ring, selected choice). Returns one warning per pair below it.
 */
export function checkContrast(card: HTMLElement): string[] {
  const style = (selector: string) => getComputedStyle(card.querySelector(selector) ?? card);
  const { color, backgroundColor: bg } = getComputedStyle(card);
  const button = style('.primary');
  const pairs: [string, string, string, number][] = [
    ['text', color, bg, 4.5],
    ['secondary text', style('.text').color, bg, 4.5],
    ['button text on the accent', button.color, button.backgroundColor, 4.5],
    ['the accent (focus ring, selected choice)', button.backgroundColor, bg, 3],
  ];
  return pairs
    .map(([what, fg, back, min]) => [what, contrast(fg, back), min] as const)
    .filter(([, ratio, min]) => ratio && ratio < min)
    .map(([what, ratio, min]) => `theme: ${what} has a contrast of ${ratio!.toFixed(2)}:1, below ${min}:1 (WCAG AA)`);
}
