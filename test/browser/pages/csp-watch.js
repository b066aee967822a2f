// Records every Content Security Policy violation of this page (Trusted Types
// included) into `window.cspViolations`, for test/browser/csp.test.ts. An
// external file loaded first: the policies under test forbid inline scripts.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
});
