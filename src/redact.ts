// Free-text PII scrub, run on the device before a comment is stored.
//
// Every pattern either has bounded quantifiers or is unambiguous (each
// repetition starts with a character the previous part cannot match), so no
// input makes the regex engine backtrack catastrophically. Lookbehind is
// avoided on purpose: Safari < 16.4 cannot even parse it, which would break
// the whole bundle.

type Kind = (s: string) => string | 0 | false;

const digits = (s: string): string => s.replace(/\D/g, '');

/** Luhn checksum, the one every payment card number carries. */
const luhn = (d: string): boolean => {
  let sum = 0;
  for (let i = d.length, w = 1; i--; w = 3 - w) {
    const n = +d[i]! * w;
    sum += n > 9 ? n - 9 : n;
  }
  return sum % 10 == 0;
};

/** ISO 13616 check: move the first four characters to the end, read letters as 10–35, mod 97 must be 1. */
const mod97 = (s: string): boolean => {
  let r = 0;
  for (const c of s.slice(4) + s.slice(0, 4)) r = (r * (c > '9' ? 100 : 10) + parseInt(c, 36)) % 97;
  return r == 1;
};

/**
 * A run of digit groups may hold a card or phone next to unrelated numbers
 * ("4111 1111 1111 1111 12/25", "555 123 4567 2 times"). Groups are split
 * where a separator contains a space, so "978-3-16-148410-0" stays one group;
 * the leftmost, longest run of whole groups that `kind` accepts is replaced.
 * `kind` returns 0 to keep the whole run untouched.
 */
const fit = (m: string, kind: Kind): string => {
  const t = m.split(/([./-]* [ ./-]*)/);
  for (let i = 0; i < t.length; i += 2)
    for (let j = t.length; j > i; j -= 2) {
      const k = kind(t.slice(i, j).join(''));
      if (k === 0) return m;
      if (k) return t.slice(0, i).join('') + k + t.slice(j).join('');
    }
  return m;
};

const iban: Kind = (s) => {
  const t = s.replace(/ /g, '').toUpperCase();
  return /^[A-Z]{2}\d\d[A-Z\d]{11,30}$/.test(t) && mod97(t) && '[iban]';
};

const cardOrPhone: Kind = (s) => {
  const d = digits(s);
  const n = d.length;
  const groups = s.split(/[ ./-]+/);
  // Card layouts: 4-4-4-4, 4-6-5, 4-4-4-4-3 or unspaced, first digit 2–6
  // (Mastercard, Amex, Visa, Maestro, Discover, UnionPay). A card-shaped run
  // that fails Luhn is an order or tracking number: keep all of it rather
  // than report part of it as a phone.
  if (/^[2-6]\d{3}([ -]?\d{4,6}){2}([ -]?\d{1,4}){0,2}$/.test(s) && n < 20) return luhn(d) ? '[card]' : 0;
  return (
    // 9–15 digits (E.164 allows 15); one unbroken run needs 10, or a "+",
    // so 9-digit order numbers survive.
    n > (groups[1] || s[0] == '+' ? 8 : 9) &&
    n < 16 &&
    // Phones have at most one one-digit group ("+33 6 12…", "1-800-…");
    // score lists ("9 10 10 8 9 10") and ISBNs ("978-3-16-148410-0") have more.
    groups.filter((g) => digits(g).length < 2).length < 2 &&
    /\d\d\)?$/.test(s) &&
    // "150.000.000" and "100 000 000" are prices or counts, "120.0.6099.109"
    // a version: a dot never joins a one-digit group in a phone.
    !/^\d{1,3}(\.\d{3}| 000)+$|\b\d\.|\.\d\b/.test(s) &&
    '[phone]'
  );
};

// Each rule is [candidate pattern, replacement]. Order matters:
// 1. URLs with a query first: the query may hold an email, an IP or digits.
// 2. Emails before numbers: local parts hold digits ("max1985@…").
// 3. IPs before phones: "192.168.100.200" has 12 digits.
// 4. IBANs, cards and phones in one pass: an IBAN-shaped run is consumed as a
//    whole, so a BBAN that fails mod 97 is not re-read as a card or phone;
//    for a digit run, card is tried before phone (Amex has 15 digits, the
//    phone maximum).
const RULES: [RegExp, (m: string) => string][] = [
  [
    // http(s)://, www. or a bare domain with a path, then "?" and at least one
    // query character; only printable ASCII, so text glued to the URL in
    // scripts without spaces (Japanese, Chinese) is kept, and trailing
    // punctuation stays outside.
    /(?:https?:\/\/|\bwww\.|\b[\w-]{1,63}(?:\.[\w-]{1,63}){1,9}\/)[!->@-~]{0,500}\?[!-~]{0,500}[\w/=&%#+-]/gi,
    () => '[url]',
  ],
  [/[\w.+\-À-ɏ]{1,64}@[\w\-À-ɏ]{1,63}(?:\.[\w\-À-ɏ]{1,63}){1,9}/g, () => '[email]'],
  [
    // IPv4, or IPv6 in full (8 groups) or with "::"; "10:30:45" is a time.
    // A dotted run is taken whole, so "1.2.3.4.5" is not read as "1.[ip]".
    /\b(?:\d{1,3}(?:\.\d{1,3}){3,}|[\da-f]{1,4}(?::[\da-f]{0,4}){2,7})(?!\.?\w)/gi,
    (m) =>
      (
        m.includes(':')
          ? /\d/.test(m) && (m.includes('::') || m.split(':').length > 7)
          : m.split('.').every((x, _, all) => all.length < 5 && +x < 256)
      )
        ? '[ip]'
        : m,
  ],
  [
    // An IBAN (printed in groups of four, so a following word is rarely taken
    // in; when it is, `fit` drops it again), or a run of up to 9 digit groups
    // joined by spaces, dots, slashes or dashes, where "(555)" and "(0)30"
    // count as groups.
    /\b[a-z]{2}\d\d(?: ?[a-z\d]{4}){2,7}(?: ?[a-z\d]{1,4})?\b|(?:[+#]?\b|\()\d+(?:\)\d*)?(?:[ ./-]{1,3}\(?\d+(?:\)\d*)?){0,8}(?!\w)/gi,
    (m) =>
      /^[a-z]/i.test(m)
        ? fit(m, iban)
        : // "#…" is a ticket; a run holding a date ("15.01.2024 10:30") or
          // starting with a year ("2024-000123", an invoice) is no phone.
          m[0] == '#' || /^(19|20)\d\d\D|\d([./-])\d\d?\2(19|20)\d\d\b/.test(m)
          ? m
          : fit(m, cardOrPhone),
  ],
];

/**
 * Replaces personal data in free text with placeholders before it is stored:
 * emails → `[email]`, phone numbers → `[phone]`, Luhn-valid card numbers →
 * `[card]`, IBANs with a valid check → `[iban]`, IPv4/IPv6 addresses → `[ip]`,
 * URLs with a query string → `[url]`. Prices, dates, times, versions, counts
 * and short order numbers are kept, and so is all text around a match.
 * Never throws: if anything goes wrong the comment is dropped (empty string)
 * rather than stored unredacted.
 */
export function redact(text: string): string {
  try {
    for (const [re, f] of RULES) text = text.replace(re, f);
    return text;
  } catch {
    return '';
  }
}
