import type { Strings } from './en.js';

/** Hindi UI strings (see en.ts for what each key is). Respectful आप; everyday Hindi, common English loanwords. */
export const hi: Strings = {
  label: 'फ़ीडबैक सर्वे',
  consentTitle: 'क्या हम आपसे एक छोटा-सा सवाल पूछ सकते हैं?',
  consentText:
    'इसमें बस कुछ सेकंड लगते हैं और यह गुमनाम है। अगर आप हाँ कहते हैं, तो आपका स्कोर, एक वैकल्पिक टिप्पणी, आपकी भाषा, पेज का पाथ और आपके डिवाइस का प्रकार {host} को भेजे जाएँगे। तब तक आपका जवाब इस डिवाइस पर ज़्यादा से ज़्यादा {ttlDays} तक रखा जाएगा।',
  ttlDays_one: '{n} दिन',
  ttlDays_other: '{n} दिन',
  /** Oblique form, before "को": "इस ऐप को". */
  hostApp: 'इस ऐप',
  /** Oblique form, before "को": "साइट के मालिक को". */
  hostOwner: 'साइट के मालिक',
  policy: 'गोपनीयता नीति',
  yes: 'हाँ, ज़रूर',
  no: 'नहीं, धन्यवाद',
  question: 'आप किसी मित्र या सहकर्मी को {brand} की सिफ़ारिश करेंगे, इसकी कितनी संभावना है?',
  /** Before "की": "हमारी सेवा की सिफ़ारिश" ("हम की" would be ungrammatical). */
  brand: 'हमारी सेवा',
  low: 'बिल्कुल संभावना नहीं',
  high: 'बहुत अधिक संभावना',
  next: 'आगे',
  close: 'बंद करें',
  promoter: 'आपको सबसे ज़्यादा क्या पसंद है?',
  passive: 'आपसे 10 पाने के लिए हमें क्या करना चाहिए?',
  detractor: 'आपको किस बात से निराशा हुई, और हमें क्या बेहतर करना चाहिए?',
  commentHint: 'वैकल्पिक। कृपया नाम, ईमेल पते और अन्य निजी जानकारी न लिखें।',
  counter: '{max} में से {count} वर्ण',
  send: 'भेजें',
  skip: 'छोड़ें',
  thanks: 'धन्यवाद!',
  thanksText: 'आपका जवाब हमें बेहतर बनने में मदद करता है।',
  failed: 'आपका जवाब सहेजा नहीं जा सका',
  failedText: 'यह डिवाइस इसे सहेज नहीं सका, इसलिए कुछ भी नहीं भेजा गया। इसके लिए हमें खेद है।',
  withdraw: 'मन बदल गया? मेरा जवाब हटाएँ',
  withdrawn: 'आपका जवाब वापस ले लिया गया',
  withdrawFailed: 'इसे वापस नहीं लिया जा सका। कृपया फिर से कोशिश करें।',
  consentWithdraw: 'भेजने के बाद {withdrawDays} तक आप इस डिवाइस से अपना जवाब वापस ले सकते हैं।',
  withdrawDays_one: '{n} दिन',
  withdrawDays_other: '{n} दिनों',
  contactTitle: 'क्या हम इस बारे में आपसे संपर्क कर सकते हैं?',
  contactText:
    'अगर आप अपना ईमेल पता छोड़ते हैं, तो {host} उसे आपके जवाब से अलग रखता है, उसका उपयोग केवल इस बारे में आपको जवाब देने के लिए करता है, और जवाब देने के बाद, या अधिक से अधिक {contactDays} बाद, उसे हटा देता है।',
  contactDays_one: '{n} दिन',
  contactDays_other: '{n} दिनों',
  contactLabel: 'आपका ईमेल पता (वैकल्पिक)',
  contactInvalid: 'कृपया name@example.com जैसा ईमेल पता डालें।',
};
