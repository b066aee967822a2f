/**
 * Whether focus or the pointer is inside an element, from its own focusin,
 * focusout, pointerenter and pointerleave events (`seen`). Focus moving
 * between the element's own controls is not leaving it.
 */
export function presence(root: () => HTMLElement | null) {
  let focus = false;
  let pointer = false;
  return {
    seen(e: Event) {
      if (e.type.startsWith('pointer')) pointer = e.type === 'pointerenter';
      else {
        const to = (e as FocusEvent).relatedTarget as Node | null;
        focus = e.type === 'focusin' || !!(to && root()?.contains(to));
      }
    },
    inside: () => focus || pointer,
  };
}
