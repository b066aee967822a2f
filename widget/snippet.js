// The copy-paste snippet (README "Script tag"). The build minifies it into
// dist/snippet.min.js (size-limit keeps it under 600 bytes). It defines a stub
// `Candor` whose calls queue up, and loads candor.js asynchronously; once
// loaded, candor.js replays the queue in order. Replace the URL with where
// you host candor.js.
(function (w, d, c, s) {
  c = w.Candor = w.Candor || { q: [] };
  if (c.version) return;
  ['init', 'ack', 'forget', 'ready'].forEach(function (m) {
    c[m] =
      c[m] ||
      function () {
        c.q.push([m, arguments]);
      };
  });
  s = d.createElement('script');
  s.async = true;
  s.src = 'https://cdn.example.com/candor.js';
  d.head.appendChild(s);
})(window, document);
