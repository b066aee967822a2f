// The embedding page of sandboxed.html: keeps what the sandboxed frame reports, and hands the
// frame the endpoint it was given in its own query (`sandboxed.html?endpoint=…`).
addEventListener('DOMContentLoaded', () => {
  const frame = document.querySelector('iframe');
  frame.src = `/test/browser/pages/sandboxed-frame.html${location.search}`;
});
window.frameEvents = [];
window.frameStorage = null;
addEventListener('message', (e) => {
  if (e.data && e.data.candor) window.frameEvents.push(e.data.candor);
  if (e.data && e.data.storage) window.frameStorage = e.data.storage;
});
