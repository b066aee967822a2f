import type { Strings } from './en.js';

/**
 * Polish UI strings (see en.ts for what each key is). Impersonal forms where
 * Polish allows them; where a direct "you" is needed, only gender-neutral
 * forms (present/future tense, never the gendered past or Pan/Pani).
 */
export const pl: Strings = {
  label: 'Krótka ankieta',
  consentTitle: 'Czy możemy zadać jedno krótkie pytanie?',
  consentText:
    'Zajmie to kilka sekund i jest anonimowe. Po wyrażeniu zgody ocena, opcjonalny komentarz, język, ścieżka strony i typ urządzenia zostaną wysłane do {host}. Do tego czasu odpowiedź jest przechowywana na tym urządzeniu maksymalnie przez {ttlDays}.',
  ttlDays_one: '{n} dzień',
  ttlDays_few: '{n} dni',
  ttlDays_many: '{n} dni',
  ttlDays_other: '{n} dnia',
  /** Genitive, after "do": "do tej aplikacji". */
  hostApp: 'tej aplikacji',
  /** Genitive, after "do": "do właściciela witryny". */
  hostOwner: 'właściciela witryny',
  policy: 'Polityka prywatności',
  yes: 'Tak, odpowiem',
  no: 'Nie, dziękuję',
  question: 'Jak bardzo prawdopodobne jest, że polecisz {brand} znajomym lub współpracownikom?',
  brand: 'nas',
  low: 'Bardzo mało prawdopodobne',
  high: 'Bardzo prawdopodobne',
  next: 'Dalej',
  close: 'Zamknij',
  promoter: 'Co najbardziej Ci się podoba?',
  passive: 'Czego brakuje do oceny 10?',
  detractor: 'Co Cię rozczarowało i co powinniśmy poprawić?',
  commentHint: 'Opcjonalnie. Prosimy nie podawać imion, nazwisk, adresów e-mail ani innych danych osobowych.',
  counter: '{count} z {max} znaków',
  send: 'Wyślij',
  skip: 'Pomiń',
  thanks: 'Dziękujemy!',
  thanksText: 'Twoja odpowiedź pomoże nam działać lepiej.',
  failed: 'Nie udało się zapisać odpowiedzi',
  failedText: 'To urządzenie nie mogło jej zapisać, więc nic nie zostało wysłane. Przepraszamy.',
  withdraw: 'Zmiana zdania? Usuń moją odpowiedź',
  withdrawn: 'Twoja odpowiedź została wycofana',
  withdrawFailed: 'Nie udało się jej wycofać. Spróbuj ponownie.',
  consentWithdraw: 'Możesz wycofać odpowiedź z tego urządzenia przez {withdrawDays} od jej wysłania.',
  withdrawDays_one: '{n} dzień',
  withdrawDays_few: '{n} dni',
  withdrawDays_many: '{n} dni',
  withdrawDays_other: '{n} dnia',
  contactTitle: 'Czy możemy się z Tobą skontaktować w tej sprawie?',
  contactText:
    'Jeśli zostawisz adres e-mail, {host} przechowa go oddzielnie od odpowiedzi, użyje go tylko, aby Ci odpowiedzieć, i usunie go po odpowiedzi, najpóźniej po {contactDays}.',
  contactDays_one: '{n} dniu',
  contactDays_few: '{n} dniach',
  contactDays_many: '{n} dniach',
  contactDays_other: '{n} dnia',
  contactLabel: 'Twój adres e-mail (opcjonalnie)',
  contactInvalid: 'Wpisz adres e-mail, np. imie@example.com.',
};
