// Makes this page look like a browser without constructable stylesheets
// (Safari < 16.4), before candor.js runs: Candor must fall back to a
// <style nonce> element in its shadow root (test/browser/csp.test.ts).
delete CSSStyleSheet.prototype.replaceSync;
delete ShadowRoot.prototype.adoptedStyleSheets;
