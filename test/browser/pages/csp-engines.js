// Starts Candor on csp-engines.html with the collector that served the page as its endpoint,
// and records its events in `window.events`. An external file: the policy forbids inline scripts.
window.events = [];
const nps = Candor.init({ survey: 'home', endpoint: `${location.origin}/v1/responses` });
for (const e of ['shown', 'consent', 'submit', 'delivered', 'error']) nps.on(e, (d) => window.events.push([e, d]));
