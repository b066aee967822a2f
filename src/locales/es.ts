import type { Strings } from './en.js';

/** Spanish UI strings (see en.ts for what each key is). Formal address (usted), neutral across Spain and Latin America. */
export const es: Strings = {
  label: 'Encuesta de opinión',
  consentTitle: '¿Podemos hacerle una pregunta rápida?',
  consentText:
    'Solo lleva unos segundos y la respuesta es anónima. Si acepta, su puntuación, un comentario opcional, su idioma, la ruta de la página y el tipo de dispositivo que utiliza se enviarán a {host}. Hasta entonces, su respuesta se guarda en este dispositivo durante un máximo de {ttlDays}.',
  ttlDays_one: '{n} día',
  ttlDays_many: '{n} días',
  ttlDays_other: '{n} días',
  /** After "a": "a esta aplicación". */
  hostApp: 'esta aplicación',
  /** After "a": "a quien gestiona este sitio" (no "a el" contraction problem). */
  hostOwner: 'quien gestiona este sitio',
  policy: 'Política de privacidad',
  yes: 'Sí, respondo',
  no: 'No, gracias',
  question: '¿Qué probabilidad hay de que recomiende {brand} a un amigo o colega?',
  /** "nos" cannot stand after the verb; a noun phrase keeps the question grammatical. */
  brand: 'nuestros servicios',
  low: 'Nada probable',
  high: 'Extremadamente probable',
  next: 'Siguiente',
  close: 'Cerrar',
  promoter: '¿Qué es lo que más le gusta?',
  passive: '¿Qué haría falta para que nos diera un 10?',
  detractor: '¿Qué le decepcionó y qué deberíamos mejorar?',
  commentHint: 'Opcional. Por favor, no incluya nombres, correos electrónicos ni otros datos personales.',
  counter: '{count} de {max} caracteres',
  send: 'Enviar',
  skip: 'Omitir',
  thanks: '¡Gracias!',
  thanksText: 'Su respuesta nos ayuda a mejorar.',
  failed: 'No se pudo guardar su respuesta',
  failedText: 'Este dispositivo no pudo almacenarla, así que no se envió nada. Lo sentimos.',
  withdraw: '¿Cambió de opinión? Eliminar mi respuesta',
  withdrawn: 'Su respuesta se ha retirado',
  withdrawFailed: 'No se pudo retirar. Inténtelo de nuevo.',
  consentWithdraw: 'Podrá retirar su respuesta desde este dispositivo durante {withdrawDays} después de enviarla.',
  withdrawDays_one: '{n} día',
  withdrawDays_many: '{n} días',
  withdrawDays_other: '{n} días',
  contactTitle: '¿Podemos ponernos en contacto con usted sobre esto?',
  contactText:
    'Si deja su dirección de correo electrónico, {host} la guarda aparte de su respuesta, la usa solo para responderle sobre esto y la elimina después de responder, o como máximo tras {contactDays}.',
  contactDays_one: '{n} día',
  contactDays_many: '{n} días',
  contactDays_other: '{n} días',
  contactLabel: 'Su correo electrónico (opcional)',
  contactInvalid: 'Introduzca una dirección de correo como nombre@example.com.',
};
