import type { Strings } from './en.js';

/**
 * Italian UI strings (see en.ts for what each key is). Neutral, impersonal
 * wording throughout; the one direct verb ("che consigli") reads as both Lei and tu.
 */
export const it: Strings = {
  label: 'Sondaggio di opinione',
  consentTitle: 'Possiamo fare una breve domanda?',
  consentText:
    'Bastano pochi secondi e la risposta è anonima. In caso di consenso, il punteggio, un commento facoltativo, la lingua, il percorso della pagina e il tipo di dispositivo in uso vengono inviati a {host}. Fino ad allora, la risposta viene conservata su questo dispositivo per un massimo di {ttlDays}.',
  ttlDays_one: '{n} giorno',
  ttlDays_many: '{n} giorni',
  ttlDays_other: '{n} giorni',
  /** After "a": "a questa app". */
  hostApp: 'questa app',
  /** After "a": "a chi gestisce questo sito" (no "a il" contraction problem). */
  hostOwner: 'chi gestisce questo sito',
  policy: 'Informativa sulla privacy',
  yes: 'Sì, rispondo',
  no: 'No, grazie',
  question: 'Quanto è probabile che consigli {brand} a un amico o a un collega?',
  /** "ci" cannot stand after the verb; a noun phrase keeps the question grammatical. */
  brand: 'i nostri servizi',
  low: 'Per niente probabile',
  high: 'Estremamente probabile',
  next: 'Avanti',
  close: 'Chiudi',
  promoter: 'Che cosa è piaciuto di più?',
  passive: 'Che cosa servirebbe per arrivare a 10?',
  detractor: 'Che cosa è stato deludente, e che cosa dovremmo migliorare?',
  commentHint: 'Facoltativo. Si prega di non inserire nomi, indirizzi email o altri dati personali.',
  counter: '{count} di {max} caratteri',
  send: 'Invia',
  skip: 'Salta',
  thanks: 'Grazie!',
  thanksText: 'La risposta ci aiuta a migliorare.',
  failed: 'Non è stato possibile salvare la risposta',
  failedText:
    'Questo dispositivo non è riuscito a memorizzarla, quindi non è stato inviato nulla. Ci scusiamo per l’inconveniente.',
  withdraw: 'Ci hai ripensato? Elimina la mia risposta',
  withdrawn: 'La tua risposta è stata ritirata',
  withdrawFailed: 'Non è stato possibile ritirarla. Riprova.',
  consentWithdraw: 'Potrai ritirare la tua risposta da questo dispositivo per {withdrawDays} dopo l’invio.',
  withdrawDays_one: '{n} giorno',
  withdrawDays_many: '{n} giorni',
  withdrawDays_other: '{n} giorni',
  contactTitle: 'Possiamo ricontattarti in merito?',
  contactText:
    'Se lasci il tuo indirizzo e-mail, {host} lo conserva separato dalla tua risposta, lo usa solo per risponderti in merito e lo elimina dopo averti risposto, al più tardi dopo {contactDays}.',
  contactDays_one: '{n} giorno',
  contactDays_many: '{n} giorni',
  contactDays_other: '{n} giorni',
  contactLabel: 'Il tuo indirizzo e-mail (facoltativo)',
  contactInvalid: 'Inserisci un indirizzo e-mail come nome@example.com.',
};
