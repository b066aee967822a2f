/**
 * Puts a floating card in the top layer, above anything the page stacks whatever its
 * z-index or DOM order (a later full-page overlay at z-index 2147483647, a transformed
 * ancestor): a "manual" popover, so no light dismiss, and Escape stays the card's. Where
 * popovers are missing (Safari < 17, Firefox < 125) or the page broke them, the card
 * stays a fixed element with the highest z-index (styles.css).
 */
export function float(card: HTMLElement): void {
  try {
    card.setAttribute('popover', 'manual');
    card.showPopover();
    if (card.matches(':popover-open')) return;
  } catch {
    // No popovers here (showPopover is missing): never throw into the page, fall back below.
  }
  // A popover that is not open is display: none; without the attribute the card shows.
  card.removeAttribute('popover');
}
