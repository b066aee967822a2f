/**
 * Runs `fn` once the document has been parsed (at once if it already has).
 * The script may sit in `<head>`, before `<body>` or an inline target exists.
 * Returns a function that cancels the wait.
 */
export function onDomReady(doc: Document, fn: () => void): () => void {
  if (doc.readyState !== 'loading') {
    fn();
    return () => {};
  }
  const listener = () => fn();
  doc.addEventListener('DOMContentLoaded', listener, { once: true });
  return () => doc.removeEventListener('DOMContentLoaded', listener);
}
