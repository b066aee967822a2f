import type { Strings } from './en.js';

/** Brazilian Portuguese UI strings (see en.ts for what each key is). Address with "você", the Brazilian norm. */
export const ptBR: Strings = {
  label: 'Pesquisa de opinião',
  consentTitle: 'Podemos fazer uma pergunta rápida?',
  consentText:
    'Leva só alguns segundos e a resposta é anônima. Se você aceitar, sua nota, um comentário opcional, seu idioma, o caminho da página e o tipo de dispositivo que você usa serão enviados para {host}. Até lá, sua resposta fica guardada neste dispositivo por no máximo {ttlDays}.',
  ttlDays_one: '{n} dia',
  ttlDays_many: '{n} dias',
  ttlDays_other: '{n} dias',
  /** After "para": "para este aplicativo". */
  hostApp: 'este aplicativo',
  /** After "para": "para o responsável por este site". */
  hostOwner: 'o responsável por este site',
  policy: 'Política de privacidade',
  yes: 'Sim, vou responder',
  no: 'Não, obrigado',
  question: 'Qual a probabilidade de você recomendar {brand} a um amigo ou colega?',
  /** "nos" cannot stand after the verb; a noun phrase keeps the question grammatical. */
  brand: 'nossos serviços',
  low: 'Nada provável',
  high: 'Extremamente provável',
  next: 'Avançar',
  close: 'Fechar',
  promoter: 'Do que você mais gosta?',
  passive: 'O que faria você nos dar nota 10?',
  detractor: 'O que decepcionou você e o que deveríamos melhorar?',
  commentHint: 'Opcional. Por favor, não inclua nomes, e-mails ou outros dados pessoais.',
  counter: '{count} de {max} caracteres',
  send: 'Enviar',
  skip: 'Pular',
  thanks: 'Obrigado!',
  thanksText: 'Sua resposta nos ajuda a melhorar.',
  failed: 'Não foi possível salvar sua resposta',
  failedText: 'Este dispositivo não conseguiu armazená-la, então nada foi enviado. Pedimos desculpas.',
  withdraw: 'Mudou de ideia? Excluir minha resposta',
  withdrawn: 'Sua resposta foi retirada',
  withdrawFailed: 'Não foi possível retirá-la. Tente novamente.',
  consentWithdraw: 'Você pode retirar sua resposta deste dispositivo por {withdrawDays} após o envio.',
  withdrawDays_one: '{n} dia',
  withdrawDays_many: '{n} dias',
  withdrawDays_other: '{n} dias',
  contactTitle: 'Podemos entrar em contato com você sobre isso?',
  contactText:
    'Se você deixar seu e-mail, {host} o guarda separado da sua resposta, usa-o apenas para responder a você sobre isso e o exclui depois de responder, ou após {contactDays}, no máximo.',
  contactDays_one: '{n} dia',
  contactDays_many: '{n} dias',
  contactDays_other: '{n} dias',
  contactLabel: 'Seu e-mail (opcional)',
  contactInvalid: 'Digite um e-mail como nome@example.com.',
};
