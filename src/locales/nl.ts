import type { Strings } from './en.js';

/** Dutch UI strings (see en.ts for what each key is). Informal "je", as most Dutch web products use. */
export const nl: Strings = {
  label: 'Feedbackenquête',
  consentTitle: 'Mogen we je één korte vraag stellen?',
  consentText:
    'Het duurt maar een paar seconden en is anoniem. Als je ja zegt, worden je score, een optionele opmerking, je taal, het paginapad en het type apparaat dat je gebruikt naar {host} verstuurd. Tot die tijd wordt je antwoord maximaal {days} dagen op dit apparaat bewaard.',
  hostApp: 'deze app',
  hostOwner: 'de eigenaar van deze website',
  policy: 'Privacyverklaring',
  yes: 'Ja, ik doe mee',
  no: 'Nee, bedankt',
  question: 'Hoe waarschijnlijk is het dat je {brand} zou aanbevelen aan een vriend of collega?',
  brand: 'ons',
  low: 'Zeer onwaarschijnlijk',
  high: 'Zeer waarschijnlijk',
  next: 'Volgende',
  close: 'Sluiten',
  promoter: 'Wat bevalt je het meest?',
  passive: 'Wat zou er nodig zijn voor een 10?',
  detractor: 'Wat viel je tegen, en wat kunnen we beter doen?',
  commentHint: 'Optioneel. Laat namen, e-mailadressen en andere persoonlijke gegevens graag weg.',
  counter: '{count} van {max} tekens',
  send: 'Versturen',
  skip: 'Overslaan',
  thanks: 'Bedankt!',
  thanksText: 'Je antwoord helpt ons om beter te worden.',
  failed: 'Je antwoord kon niet worden opgeslagen',
  failedText: 'Dit apparaat kon het niet bewaren, dus er is niets verstuurd. Sorry daarvoor.',
};
