// Starts Candor with the nonce given as `?nonce=` (the page's style-src nonce
// is 'abc'). An external file: the policy forbids inline scripts.
const nonce = new URLSearchParams(location.search).get('nonce');
window.nps = Candor.init({
  survey: 'home',
  endpoint: 'https://collect.acme.test/v1/responses',
  ...(nonce ? { nonce } : {}),
});
