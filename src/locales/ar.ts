import type { Strings } from './en.js';

/**
 * Arabic UI strings (see en.ts for what each key is). Modern Standard Arabic,
 * unvocalised so second-person forms read for any reader.
 */
export const ar: Strings = {
  label: 'استطلاع رأي',
  consentTitle: 'هل يمكننا أن نطرح عليك سؤالًا واحدًا سريعًا؟',
  consentText:
    'يستغرق الأمر بضع ثوانٍ فقط، وإجابتك مجهولة الهوية. إذا وافقت، فسيتم إرسال تقييمك وتعليق اختياري ولغتك ومسار الصفحة ونوع الجهاز الذي تستخدمه إلى {host}. وحتى ذلك الحين، تبقى إجابتك محفوظة على هذا الجهاز مدة أقصاها {ttlDays}.',
  ttlDays_zero: '{n} يوم',
  ttlDays_one: 'يوم واحد',
  ttlDays_two: 'يومان',
  ttlDays_few: '{n} أيام',
  ttlDays_many: '{n} يومًا',
  ttlDays_other: '{n} يوم',
  /** After "إلى": "إلى هذا التطبيق". */
  hostApp: 'هذا التطبيق',
  /** After "إلى": "إلى مالك الموقع". */
  hostOwner: 'مالك الموقع',
  policy: 'سياسة الخصوصية',
  yes: 'نعم، سأجيب',
  no: 'لا، شكرًا',
  question: 'ما مدى احتمال أن ترشّح {brand} لصديق أو زميل؟',
  /** A noun phrase: "us" is an attached suffix in Arabic and cannot stand alone. */
  brand: 'خدماتنا',
  low: 'غير محتمل إطلاقًا',
  high: 'محتمل للغاية',
  next: 'التالي',
  close: 'إغلاق',
  promoter: 'ما أكثر ما يعجبك؟',
  passive: 'ما الذي يجعلك تمنحنا 10؟',
  detractor: 'ما الذي خيّب أملك، وما الذي يجب أن نحسّنه؟',
  commentHint: 'اختياري. يُرجى عدم ذكر الأسماء أو عناوين البريد الإلكتروني أو أي بيانات شخصية أخرى.',
  counter: '{count} من {max} حرف',
  send: 'إرسال',
  skip: 'تخطي',
  thanks: 'شكرًا لك!',
  thanksText: 'تساعدنا إجابتك على التحسّن.',
  failed: 'تعذّر حفظ إجابتك',
  failedText: 'لم يتمكن هذا الجهاز من تخزينها، لذا لم يُرسَل أي شيء. نعتذر عن ذلك.',
  withdraw: 'غيّرت رأيك؟ احذف إجابتي',
  withdrawn: 'تم سحب إجابتك',
  withdrawFailed: 'تعذّر سحبها. يُرجى المحاولة مرة أخرى.',
  consentWithdraw: 'يمكنك سحب إجابتك من هذا الجهاز لمدة {withdrawDays} بعد إرسالها.',
  withdrawDays_zero: '{n} يوم',
  withdrawDays_one: 'يوم واحد',
  withdrawDays_two: 'يومين',
  withdrawDays_few: '{n} أيام',
  withdrawDays_many: '{n} يومًا',
  withdrawDays_other: '{n} يوم',
  contactTitle: 'هل يمكننا التواصل معك بشأن هذا؟',
  contactText:
    'إذا تركت عنوان بريدك الإلكتروني، يحتفظ به {host} منفصلًا عن إجابتك، ويستخدمه فقط للرد عليك بشأنها، ويحذفه بعد الرد، أو بعد {contactDays} على الأكثر.',
  contactDays_zero: '{n} يوم',
  contactDays_one: 'يوم واحد',
  contactDays_two: 'يومين',
  contactDays_few: '{n} أيام',
  contactDays_many: '{n} يومًا',
  contactDays_other: '{n} يوم',
  contactLabel: 'بريدك الإلكتروني (اختياري)',
  contactInvalid: 'يُرجى إدخال بريد إلكتروني مثل name@example.com.',
};
