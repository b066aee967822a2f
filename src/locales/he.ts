import type { Strings } from './en.js';

/**
 * Hebrew UI strings (see en.ts for what each key is). Plural second person
 * (אתם) as the gender-inclusive address, and nouns for buttons (שליחה, דילוג).
 */
export const he: Strings = {
  label: 'סקר משוב',
  consentTitle: 'אפשר לשאול אתכם שאלה קצרה אחת?',
  consentText:
    'זה לוקח רק כמה שניות, והתשובה אנונימית. אם תסכימו, הציון שלכם, הערה אופציונלית, השפה שלכם, נתיב הדף וסוג המכשיר שלכם יישלחו אל {host}. עד אז התשובה נשמרת במכשיר הזה {ttlDays} לכל היותר.',
  ttlDays_one: 'יום אחד',
  ttlDays_two: 'יומיים',
  ttlDays_other: '{n} ימים',
  /** After "אל": "אל האפליקציה הזו". */
  hostApp: 'האפליקציה הזו',
  /** After "אל": "אל בעלי האתר". */
  hostOwner: 'בעלי האתר',
  policy: 'מדיניות הפרטיות',
  yes: 'כן, אענה',
  no: 'לא, תודה',
  question: 'עד כמה סביר שתמליצו על {brand} לחבר או לעמית?',
  /** A noun phrase: "us" after "על" merges into one word (עלינו) and cannot be filled in. */
  brand: 'השירות שלנו',
  low: 'בכלל לא סביר',
  high: 'סביר מאוד',
  next: 'הבא',
  close: 'סגירה',
  promoter: 'מה הכי מוצא חן בעיניכם?',
  passive: 'מה יגרום לכם לתת לנו 10?',
  detractor: 'מה אכזב אתכם, ומה כדאי לנו לשפר?',
  commentHint: 'לא חובה. נא לא לכלול שמות, כתובות אימייל או פרטים אישיים אחרים.',
  counter: '{count} מתוך {max} תווים',
  send: 'שליחה',
  skip: 'דילוג',
  thanks: 'תודה רבה!',
  thanksText: 'התשובה שלכם עוזרת לנו להשתפר.',
  failed: 'לא ניתן היה לשמור את התשובה',
  failedText: 'המכשיר הזה לא הצליח לשמור אותה, ולכן שום דבר לא נשלח. אנחנו מתנצלים על כך.',
  withdraw: 'שינית את דעתך? מחיקת התשובה שלי',
  withdrawn: 'התשובה שלך נמשכה',
  withdrawFailed: 'לא ניתן היה למשוך אותה. אפשר לנסות שוב.',
  consentWithdraw: 'אפשר למשוך את התשובה מהמכשיר הזה במשך {withdrawDays} אחרי שליחתה.',
  withdrawDays_one: 'יום אחד',
  withdrawDays_two: 'יומיים',
  withdrawDays_other: '{n} ימים',
  contactTitle: 'אפשר לחזור אליך בעניין הזה?',
  contactText:
    'אם תשאירו כתובת דוא״ל, {host} ישמור אותה בנפרד מהתשובה, ישתמש בה רק כדי לענות לכם בעניין הזה, וימחק אותה אחרי המענה, לכל המאוחר אחרי {contactDays}.',
  contactDays_one: 'יום אחד',
  contactDays_two: 'יומיים',
  contactDays_other: '{n} ימים',
  contactLabel: 'כתובת הדוא״ל שלך (לא חובה)',
  contactInvalid: 'יש להזין כתובת דוא״ל כמו name@example.com.',
};
