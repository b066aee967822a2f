// The host page's own error reporting, loaded before Candor: everything that
// escapes into the page (an uncaught error or an unhandled rejection) lands in
// `window.escaped`. The script-tag tests expect it to stay empty.
window.escaped = [];
window.onerror = function (message, source, line) {
  window.escaped.push('error: ' + message + ' (' + source + ':' + line + ')');
};
window.addEventListener('unhandledrejection', function (event) {
  var reason = event.reason;
  window.escaped.push('unhandledrejection: ' + (reason && reason.stack ? reason.stack : String(reason)));
});
