// Runs in a sandboxed iframe (opaque origin) before candor.js: reports to the embedding page
// with postMessage what storage this origin has, Candor's events and any uncaught error, starts
// a survey once the document is parsed, and answers it through the card's own buttons when the
// page posts `{ answer: score }` (the tests' drivers do not enter frames).
const report = (name, detail) =>
  parent.postMessage({ candor: [name, detail === undefined ? null : JSON.parse(JSON.stringify(detail))] }, '*');
addEventListener('error', (e) => report('problem', `error: ${e.message}`));
addEventListener('unhandledrejection', (e) => report('problem', `unhandled rejection: ${e.reason}`));

const outcome = async (fn) => {
  try {
    await fn();
    return 'allowed';
  } catch (error) {
    return error && error.name ? error.name : String(error);
  }
};
(async () => {
  parent.postMessage(
    {
      storage: {
        indexedDB: await outcome(() => indexedDB.open('candor-probe')),
        localStorage: await outcome(() => localStorage.length),
        locks: await outcome(() => navigator.locks.request('candor-probe', () => {})),
      },
    },
    '*',
  );
})();

addEventListener('DOMContentLoaded', () => {
  // The endpoint comes from the query (the reference collector on its own port), else this origin's.
  const endpoint = new URLSearchParams(location.search).get('endpoint') ?? new URL('/v1/responses', location.href).href;
  const nps = Candor.init({ survey: 'sandboxed', endpoint });
  if (!nps) return report('problem', 'Candor.init returned null');
  for (const e of ['shown', 'consent', 'submit', 'dismiss', 'delivered', 'dropped', 'error']) {
    nps.on(e, (detail) => report(e, detail));
  }
});

/** Resolves with `find()`'s first truthy result, checked every animation frame (for 5 s at most). */
const until = (find) =>
  new Promise((resolve, reject) => {
    const end = performance.now() + 5000;
    const check = () => {
      const found = find();
      if (found) resolve(found);
      else if (performance.now() > end) reject(new Error(`not found: ${find}`));
      else requestAnimationFrame(check);
    };
    check();
  });
addEventListener('message', async (e) => {
  if (!e.data || typeof e.data.answer !== 'number') return;
  const card = () => document.querySelector('candor-nps').shadowRoot;
  (await until(() => card().querySelector('.actions button.primary'))).click(); // "Yes"
  (await until(() => card().querySelectorAll('[role=radio]')[e.data.answer])).click(); // selects the score
  await until(() => card().querySelector('[role=radio][aria-checked=true]'));
  card().querySelector('.actions button.primary').click(); // "Next"
  await until(() => card().querySelector('textarea'));
  card().querySelector('.actions button.primary').click(); // "Send", without a comment
});
