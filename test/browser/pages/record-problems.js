// Records every uncaught error and unhandled rejection of the page in `window.problems`, for
// drivers that cannot listen to a page's errors themselves (WebDriver classic). Load it first.
window.problems = [];
addEventListener('error', (e) => window.problems.push(`error: ${e.message}`));
addEventListener('unhandledrejection', (e) => window.problems.push(`unhandled rejection: ${e.reason}`));
