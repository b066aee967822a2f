// A tiny client-side router, the way single-page apps have one: links become
// pushState navigations, and the router wraps pushState to log its routes.
window.routes = [];
const push = history.pushState;
history.pushState = function (state, title, url) {
  window.routes.push(String(url));
  return push.call(this, state, title, url);
};
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (!link) return;
  event.preventDefault();
  history.pushState({}, '', link.getAttribute('href'));
  document.getElementById('title').textContent = link.textContent;
});
