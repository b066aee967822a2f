import type { Strings } from './en.js';

/**
 * French UI strings (see en.ts for what each key is). Formal address (vous);
 * a no-break space (\u00a0) before ? and !, as French typography requires.
 */
export const fr: Strings = {
  label: 'Enquête de satisfaction',
  consentTitle: 'Pouvons-nous vous poser une petite question\u00a0?',
  consentText:
    'Cela ne prend que quelques secondes et c’est anonyme. Si vous acceptez, votre note, un commentaire facultatif, votre langue, le chemin de la page et le type d’appareil que vous utilisez sont envoyés à {host}. D’ici là, votre réponse est conservée sur cet appareil pendant {ttlDays} au maximum.',
  ttlDays_one: '{n}\u00a0jour',
  ttlDays_many: '{n}\u00a0jours',
  ttlDays_other: '{n}\u00a0jours',
  /** After "à": "à cette application". */
  hostApp: 'cette application',
  /** After "à": "à l’éditeur du site" (no "à le" contraction problem). */
  hostOwner: 'l’éditeur du site',
  policy: 'Politique de confidentialité',
  yes: 'Oui, je réponds',
  no: 'Non merci',
  question: 'Quelle est la probabilité que vous recommandiez {brand} à un ami ou à un collègue\u00a0?',
  /** "nous" cannot stand after the verb; a noun phrase keeps the question grammatical. */
  brand: 'nos services',
  low: 'Pas du tout probable',
  high: 'Extrêmement probable',
  next: 'Suivant',
  close: 'Fermer',
  promoter: 'Qu’appréciez-vous le plus\u00a0?',
  passive: 'Que faudrait-il pour que vous nous donniez 10\u00a0?',
  detractor: 'Qu’est-ce qui a été décevant, et que devrions-nous améliorer\u00a0?',
  commentHint: 'Facultatif. Merci de ne pas indiquer de noms, d’adresses e-mail ni d’autres données personnelles.',
  counter: '{count} sur {max}\u00a0caractères',
  send: 'Envoyer',
  skip: 'Passer',
  thanks: 'Merci\u00a0!',
  thanksText: 'Votre réponse nous aide à nous améliorer.',
  failed: 'Votre réponse n’a pas pu être enregistrée',
  failedText: 'Cet appareil n’a pas pu l’enregistrer, donc rien n’a été envoyé. Nous en sommes désolés.',
  withdraw: 'Vous avez changé d’avis\u00a0? Supprimer ma réponse',
  withdrawn: 'Votre réponse a été retirée',
  withdrawFailed: 'Elle n’a pas pu être retirée. Veuillez réessayer.',
  consentWithdraw: 'Vous pourrez retirer votre réponse depuis cet appareil pendant {withdrawDays} après son envoi.',
  withdrawDays_one: '{n}\u00a0jour',
  withdrawDays_many: '{n}\u00a0jours',
  withdrawDays_other: '{n}\u00a0jours',
  contactTitle: 'Pouvons-nous revenir vers vous à ce sujet\u00a0?',
  contactText:
    'Si vous laissez votre adresse e-mail, {host} la conserve à part de votre réponse, l’utilise uniquement pour vous répondre à ce sujet et la supprime après avoir répondu, au plus tard après {contactDays}.',
  contactDays_one: '{n}\u00a0jour',
  contactDays_many: '{n}\u00a0jours',
  contactDays_other: '{n}\u00a0jours',
  contactLabel: 'Votre adresse e-mail (facultatif)',
  contactInvalid: 'Veuillez saisir une adresse e-mail comme nom@example.com.',
};
