import type { Strings } from './en.js';

/** German UI strings (see en.ts for what each key is). Formal address (Sie). */
export const de: Strings = {
  label: 'Feedback-Umfrage',
  consentTitle: 'Dürfen wir Ihnen eine kurze Frage stellen?',
  consentText:
    'Das dauert nur wenige Sekunden und ist anonym. Wenn Sie zustimmen, werden Ihre Bewertung, ein optionaler Kommentar, Ihre Sprache, der Seitenpfad und Ihr Gerätetyp an {host} gesendet. Bis dahin bleibt die Antwort höchstens {days} Tage auf diesem Gerät gespeichert.',
  hostApp: 'diese App',
  hostOwner: 'den Betreiber dieser Website',
  policy: 'Datenschutzerklärung',
  yes: 'Ja, ich mache mit',
  no: 'Nein, danke',
  question: 'Wie wahrscheinlich ist es, dass Sie {brand} einem Freund oder Kollegen empfehlen?',
  brand: 'uns',
  low: 'Äußerst unwahrscheinlich',
  high: 'Äußerst wahrscheinlich',
  next: 'Weiter',
  close: 'Schließen',
  promoter: 'Was gefällt Ihnen am besten?',
  passive: 'Was fehlt noch, damit Sie eine 10 geben?',
  detractor: 'Was hat Sie enttäuscht, und was sollten wir besser machen?',
  commentHint: 'Optional. Bitte geben Sie keine Namen, E-Mail-Adressen oder andere persönliche Daten an.',
  counter: '{count} von {max} Zeichen',
  send: 'Senden',
  skip: 'Überspringen',
  thanks: 'Vielen Dank!',
  thanksText: 'Ihre Antwort hilft uns, besser zu werden.',
  failed: 'Ihre Antwort konnte nicht gespeichert werden',
  failedText: 'Dieses Gerät konnte sie nicht speichern, daher wurde nichts gesendet. Das tut uns leid.',
};
