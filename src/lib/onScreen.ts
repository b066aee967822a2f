// At most one Candor prompt on screen at a time, across surveys and across
// copies of Candor on one page: a prompt is on screen while a <candor-nps>
// element is in the document, and its closing is announced on the document.

/** The event the UI dispatches on the document when a prompt closes. */
export const CLOSED = 'candor:closed';

/** Runs `fn` once no prompt is on screen: now, or after the open one closes. Returns a cancel function. */
export function whenFree(doc: Document, fn: () => void): () => void {
  const tryNow = () => {
    if (doc.querySelector('candor-nps')) return;
    doc.removeEventListener(CLOSED, tryNow);
    fn();
  };
  doc.addEventListener(CLOSED, tryNow);
  tryNow();
  return () => doc.removeEventListener(CLOSED, tryNow);
}
