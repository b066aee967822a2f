// Demo page glue: start a survey with the script-tag API and show its events.
const log = document.getElementById('log');
const nps = window.Candor.init({
  survey: 'demo',
  endpoint: `${location.origin}/v1/responses`,
  brand: 'Acme Notes',
  consent: { policyUrl: 'https://example.com/privacy' },
  rules: { delayMs: 800 },
  // The reference collector deletes an answer for whoever shows its secret: let people take answers back.
  withdraw: { days: 30 },
  // After the answer, an optional e-mail address for a reply, kept apart and deleted after it (dashboard: "Wants a reply").
  contact: { enabled: true, retentionDays: 30 },
});
for (const event of ['shown', 'consent', 'submit', 'dismiss', 'delivered', 'dropped', 'withdrawn', 'error']) {
  nps.on(event, (data) => (log.textContent += `${event} ${JSON.stringify(data)}\n`));
}
document.getElementById('again').addEventListener('click', () => {
  nps.hide();
  // After an answer or a "No thanks" the rules keep the prompt away for a while: force it for the demo.
  nps.show({ force: true });
});
// Everything this survey stored on this device goes, and answers already sent are withdrawn from the collector.
document.getElementById('forget').addEventListener('click', () => window.Candor.forget('demo'));
