/**
 * Keeps Tab inside `root` (a full-page prompt hides the page): from its last
 * control Tab goes to the first, and Shift+Tab from the first to the last.
 */
export function trapTab(root: HTMLElement, e: KeyboardEvent): void {
  const all = root.querySelectorAll<HTMLElement>('button,a,textarea,input');
  const edge = all[e.shiftKey ? 0 : all.length - 1];
  if ((root.getRootNode() as ShadowRoot).activeElement === edge) {
    e.preventDefault();
    all[e.shiftKey ? all.length - 1 : 0]!.focus();
  }
}
