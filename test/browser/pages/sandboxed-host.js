// The embedding page of sandboxed.html: keeps what the sandboxed frame reports.
window.frameEvents = [];
window.frameStorage = null;
addEventListener('message', (e) => {
  if (e.data && e.data.candor) window.frameEvents.push(e.data.candor);
  if (e.data && e.data.storage) window.frameStorage = e.data.storage;
});
