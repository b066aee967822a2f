import { describe, expect, it } from 'vitest';
import { categoryOf } from '../../src/lib/category.js';
import { checkContact, checkResponse } from '../../src/lib/checkResponse.js';
import {
  MAX_BATCH,
  MAX_BATCH_BYTES,
  MAX_RECORD_BYTES,
  batchSchema,
  contactSchema,
  parseBatch,
  responseSchema,
} from '../../src/schema.js';
import type { NpsContact } from '../../src/contact.js';
import type { NpsResponse } from '../../src/response.js';

const ID = '0b5c1a6e-3f2d-4c8b-9a7e-5d4f3c2b1a09';

/** A valid response with every optional field. */
const full = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: ID,
  survey: 'home',
  score: 9,
  comment: 'Fast and friendly.',
  category: 'promoter',
  locale: 'pt',
  page: '/pricing/:id',
  device: 'mobile',
  at: '2026-11-22T22:00:00Z',
  consentVersion: '2026-01',
  segment: { plan: 'pro', appVersion: '4.2.0' },
  sdk: '0.1.0',
  ...over,
});

/** A valid response with no optional field. */
const minimal = (): Record<string, unknown> => {
  const { comment: _c, segment: _s, ...rest } = full();
  return rest;
};

const batch = (...responses: unknown[]) => ({ v: 1, responses });

/** Both validators, and the batch parser, on one response. */
function verdicts(r: unknown) {
  return { schema: responseSchema.safeParse(r).success, check: checkResponse(r), batch: parseBatch(batch(r)) };
}

describe('valid responses', () => {
  it.each([
    ['with every field', full()],
    ['without the optional fields', minimal()],
    ['with explicit undefined optional fields', { ...minimal(), comment: undefined, segment: undefined }],
    [
      'at the edges of every range',
      full({
        score: 0,
        category: 'detractor',
        comment: 'x'.repeat(1000),
        locale: 'haw',
        page: `/${'a'.repeat(199)}`,
        at: '2028-02-29T23:00:00Z',
        consentVersion: 'v'.repeat(64),
        sdk: `10.20.30-beta.1+${'b'.repeat(16)}`,
        segment: { a: 'x', b: 'y'.repeat(64), c: 'z', d: '1.2 -_', [`A${'b'.repeat(31)}`]: 'ok' },
      }),
    ],
    ['with a comment made of emoji (surrogate pairs)', full({ comment: '👍🏽 great' })],
    ['with an empty segment', full({ segment: {} })],
    ['with tab, CR and LF in the comment', full({ comment: 'Line one\r\nline two\tand a tab\n' })],
    ['with U+0080 and U+2028 (not C0 controls)', full({ comment: 'a\u0080b\u2028c', consentVersion: 'v\u00a01' })],
  ])('accepts a response %s', (_name, r) => {
    const v = verdicts(r);
    expect(v.schema).toBe(true);
    expect(v.check).toBeUndefined();
    expect(v.batch).toEqual({ ok: true, batch: { v: 1, responses: [r] } });
  });

  it('accepts each score with its category', () => {
    for (let score = 0; score <= 10; score++) {
      expect(verdicts(full({ score, category: categoryOf(score) }))).toMatchObject({ schema: true, check: undefined });
    }
  });

  it('exports the byte bounds the outbox keeps to', () => {
    expect([MAX_RECORD_BYTES, MAX_BATCH_BYTES, MAX_BATCH]).toEqual([32 * 1024, 48 * 1024, 50]);
    // Control characters (escaped as \u0001, 6 bytes each) are refused, so the
    // worst case is a character of 3 UTF-8 bytes; a comment's newline escapes to 2.
    const longest = full({
      comment: '\u20ac'.repeat(1000),
      page: `/${'\u20ac'.repeat(199)}`,
      consentVersion: '\u20ac'.repeat(64),
      segment: Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`k${n}${'k'.repeat(29)}`, 'v'.repeat(64)])),
    });
    expect(verdicts(longest).schema).toBe(true);
    expect(new TextEncoder().encode(JSON.stringify(longest)).length).toBeLessThan(MAX_RECORD_BYTES);
  });
});

describe('each rule, with the field named', () => {
  const cases: [field: string, value: unknown][] = [
    ['id', undefined],
    ['id', '0B5C1A6E-3F2D-4C8B-9A7E-5D4F3C2B1A09'], // upper case
    ['id', '0b5c1a6e-3f2d-7c8b-9a7e-5d4f3c2b1a09'], // v7
    ['id', '0b5c1a6e-3f2d-4c8b-ca7e-5d4f3c2b1a09'], // variant c
    ['id', '0b5c1a6e3f2d4c8b9a7e5d4f3c2b1a09'],
    ['id', 42],
    ['survey', 'Home'],
    ['survey', ''],
    ['survey', 'a'.repeat(65)],
    ['survey', 'home page'],
    ['score', 11],
    ['score', -1],
    ['score', 5.5],
    ['score', '9'],
    ['score', Number.NaN],
    ['score', null],
    ['comment', ''],
    ['comment', 'x'.repeat(1001)],
    ['comment', 'lone \ud800 surrogate'],
    ['comment', null],
    ['comment', 'NUL \u0000 inside'],
    ['comment', 'bell \u0007'],
    ['comment', 'escape \u001b[2J'],
    ['comment', 'vertical tab \u000b'],
    ['comment', 'form feed \u000c'],
    ['comment', 'delete \u007f'],
    ['category', 'passive'], // score 9 is a promoter
    ['category', 'Promoter'],
    ['category', undefined],
    ['locale', 'pt-BR'],
    ['locale', 'PT'],
    ['locale', 'p'],
    ['locale', 'port'],
    ['page', 'pricing'],
    ['page', '/search?q=email'],
    ['page', '/docs#install'],
    ['page', `/${'a'.repeat(200)}`],
    ['page', ''],
    ['page', '/a\u0000b'],
    ['page', '/a\tb'],
    ['page', '/a\nb'],
    ['page', '/a\u007f'],
    ['device', 'tv'],
    ['device', 'Mobile'],
    ['at', '2026-11-22T22:30:00Z'],
    ['at', '2026-11-22T22:00:01Z'],
    ['at', '2026-11-22T22:00:00.000Z'],
    ['at', '2026-11-22T22:00:00+00:00'],
    ['at', '2026-11-22 22:00:00Z'],
    ['at', '2026-02-29T10:00:00Z'], // not a leap year
    ['at', '2026-04-31T10:00:00Z'],
    ['at', '2026-13-01T10:00:00Z'],
    ['at', '2026-11-22T24:00:00Z'],
    ['at', 1795384800000],
    ['consentVersion', ''],
    ['consentVersion', 'v'.repeat(65)],
    ['consentVersion', 2],
    ['consentVersion', 'v1\u0000'],
    ['consentVersion', 'v1\n'],
    ['consentVersion', '\u007f'],
    ['segment', { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }],
    ['segment', { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' }],
    ['segment', { '1plan': 'pro' }],
    ['segment', { _plan: 'pro' }],
    ['segment', { [`a${'b'.repeat(32)}`]: 'pro' }],
    ['segment', { plan: '' }],
    ['segment', { plan: 'p'.repeat(65) }],
    ['segment', { plan: 'pro/max' }],
    ['segment', { plan: 5 }],
    ['segment', ['pro']],
    ['segment', null],
    ['segment', JSON.parse('{"__proto__": "x"}')],
    ['sdk', '1.2'],
    ['sdk', 'v1.2.3'],
    ['sdk', `1.2.3-${'x'.repeat(27)}`],
    ['sdk', undefined],
    ['sdk', '1.2.3\u0000'],
    ['sdk', '1.2.3-\u001b'],
  ];

  it.each(cases)('rejects %s = %j, naming the field and the record id', (field, value) => {
    const r = full({ [field]: value });
    if (value === undefined) delete r[field];
    const v = verdicts(r);
    expect(v.schema).toBe(false);
    expect(v.check).toMatch(new RegExp(`^response\\.${field}: ${value === undefined ? 'missing' : 'invalid'}$`));
    expect(v.batch).toMatchObject({ ok: false, field, index: 0 });
    if (!v.batch.ok) {
      expect(v.batch.error).toMatch(new RegExp(`^responses\\[0\\]( \\(id ${ID}\\))?: ${field}: `));
      if (field !== 'id') expect(v.batch.id).toBe(ID);
    }
  });

  it('names the record id, its index and what was expected', () => {
    const other = full({ id: '7e57ab1e-0000-4000-8000-000000000000' });
    expect(parseBatch(batch(full(), other, full({ id: other.id, score: 11 })))).toEqual({
      ok: false,
      error: `responses[2] (id 7e57ab1e-0000-4000-8000-000000000000): score: expected a whole number from 0 to 10, got 11`,
      field: 'score',
      id: '7e57ab1e-0000-4000-8000-000000000000',
      index: 2,
    });
    expect(parseBatch(batch(minimal(), full({ survey: undefined })))).toMatchObject({
      error: `responses[1] (id ${ID}): survey: missing, expected a survey id of 1–64 characters a-z, 0-9, _ or -`,
    });
  });

  it('gives no id when the id itself is bad, only the index', () => {
    const result = parseBatch(batch(full({ id: 'not-a-uuid' })));
    expect(result).toEqual({
      ok: false,
      error: 'responses[0]: id: expected a lowercase UUID v4, got "not-a-uuid"',
      field: 'id',
      index: 0,
    });
  });
});

describe('unknown fields (the payload is an allowlist)', () => {
  it.each(['ip', 'userAgent', 'userId', 'referrer', 'url', 'constructor', 'toString', ''])(
    'rejects a response with "%s"',
    (key) => {
      const v = verdicts(full({ [key]: 'x' }));
      expect(v.schema).toBe(false);
      expect(v.check).toBe(`response.${key}: unknown field`);
      expect(v.batch).toEqual({
        ok: false,
        error: `responses[0] (id ${ID}): ${key}: unknown field`,
        field: key,
        id: ID,
        index: 0,
      });
    },
  );

  it('rejects an own "__proto__" key, as JSON.parse makes it', () => {
    const r = JSON.parse(JSON.stringify(full()).replace('{', '{"__proto__":{"admin":true},'));
    expect(Object.keys(r)).toContain('__proto__');
    const v = verdicts(r);
    expect(v.schema).toBe(false);
    expect(v.check).toBe('response.__proto__: unknown field');
    expect(v.batch).toMatchObject({ ok: false, field: '__proto__', id: ID });
  });

  it('ignores inherited keys: a host page that polluted Object.prototype does not make valid answers invalid', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'x';
    try {
      // The browser-side check runs on host pages (hostile.test.ts has the page). zod's strict
      // objects walk inherited keys too, but the server-side schema runs in the collector, not on pages.
      expect(checkResponse(full())).toBeUndefined();
    } finally {
      delete proto.polluted;
    }
  });

  it('rejects an unknown key in the batch', () => {
    expect(parseBatch({ ...batch(full()), origin: 'x' })).toEqual({
      ok: false,
      error: 'origin: unknown field',
      field: 'origin',
    });
  });
});

describe('the batch', () => {
  const many = (n: number) => batch(...Array.from({ length: n }, () => full()));

  it.each([1, 2, MAX_BATCH])('accepts %i responses', (n) => {
    expect(parseBatch(many(n)).ok).toBe(true);
    expect(batchSchema.safeParse(many(n)).success).toBe(true);
  });

  it.each([0, MAX_BATCH + 1])('rejects %i responses, naming "responses"', (n) => {
    expect(parseBatch(many(n))).toEqual({
      ok: false,
      error: `responses: expected an array of 1–50 responses, got an array`,
      field: 'responses',
    });
  });

  it.each([
    [{ v: 2, responses: [full()] }, 'v', 'v: expected 1, got 2'],
    [{ responses: [full()] }, 'v', 'v: missing, expected 1'],
    [{ v: 1, responses: full() }, 'responses', 'responses: expected an array of 1–50 responses, got an object'],
    [{ v: 1 }, 'responses', 'responses: missing, expected an array of 1–50 responses'],
  ])('rejects %j naming %s', (input, field, error) => {
    expect(parseBatch(input)).toEqual({ ok: false, error, field });
  });

  it.each([null, 'text', [full()], 42])('rejects a body that is not an object: %j', (input) => {
    expect(parseBatch(input)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^batch: expected \{"v":1,"responses":\[…\]\}, got /),
    });
  });

  it('rejects a record that is not an object, naming its index', () => {
    expect(parseBatch(batch(full(), 'x'))).toEqual({
      ok: false,
      error: 'responses[1]: expected a response object, got "x"',
      index: 1,
    });
  });

  it('returns the responses as typed records', () => {
    const result = parseBatch(batch(full()));
    if (!result.ok) throw new Error(result.error);
    const first: NpsResponse = result.batch.responses[0]!;
    expect(first.category).toBe('promoter');
  });
});

const CONTACT_ID = '5f0c2d1e-8a7b-4c6d-9e5f-4a3b2c1d0e9f';

/** A valid contact for the answer `ID`. */
const contact = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: CONTACT_ID,
  answerId: ID,
  email: 'ana@example.com',
  at: '2026-11-22T22:00:00Z',
  consentVersion: 'reply-2026-01',
  retentionDays: 30,
  ...over,
});

/** Both validators, and the batch parser (with the contact's answer), on one contact. */
function contactVerdicts(c: unknown) {
  return {
    schema: contactSchema.safeParse(c).success,
    check: checkContact(c),
    batch: parseBatch({ v: 1, responses: [full()], contacts: [c] }),
  };
}

describe('contacts (an e-mail address left for a reply, a record of its own)', () => {
  it.each([
    ['as the widget builds it', contact()],
    [
      'at the edges of every range',
      contact({
        email: `${'a'.repeat(64)}@${'b'.repeat(185)}.com`,
        consentVersion: 'v'.repeat(64),
        retentionDays: 90,
        at: '2028-02-29T23:00:00Z',
      }),
    ],
    ['kept one day', contact({ retentionDays: 1 })],
    [
      'with the characters an address may hold',
      contact({ email: "o'neil+nps_2026/x=y?z&w#1%{ok}|~!$*^`@mail.example.co.uk" }),
    ],
    ['with a non-ASCII address', contact({ email: 'zoë@bücher.example' })],
  ])('accepts a contact %s', (_name, c) => {
    expect(String(c.email).length).toBeLessThanOrEqual(254);
    const v = contactVerdicts(c);
    expect(v.schema).toBe(true);
    expect(v.check).toBeUndefined();
    expect(v.batch).toEqual({ ok: true, batch: { v: 1, responses: [full()], contacts: [c] } });
  });

  it('accepts a batch of contacts only (their answers delivered before), and returns them typed', () => {
    const result = parseBatch({ v: 1, responses: [], contacts: [contact()] });
    if (!result.ok) throw new Error(result.error);
    const first: NpsContact = result.batch.contacts![0]!;
    expect(first.email).toBe('ana@example.com');
    expect(result.batch.responses).toEqual([]);
  });

  it('leaves a batch without contacts as it was (no contacts key added)', () => {
    expect(parseBatch(batch(full()))).toEqual({ ok: true, batch: { v: 1, responses: [full()] } });
  });

  const cases: [field: string, value: unknown][] = [
    ['id', undefined],
    ['id', CONTACT_ID.toUpperCase()],
    ['id', CONTACT_ID.replace('-4c6d', '-7c6d')], // v7
    ['id', 7],
    ['answerId', undefined],
    ['answerId', 'not-a-uuid'],
    ['answerId', ID.toUpperCase()],
    ['answerId', null],
    ['email', undefined],
    ['email', ''],
    ['email', 'ana.example.com'], // no @
    ['email', 'ana@b@example.com'], // two
    ['email', '@example.com'],
    ['email', 'ana@'],
    ['email', 'ana@localhost'], // no dot in the domain
    ['email', 'ana@example.'],
    ['email', 'ana @example.com'],
    ['email', 'ana@example.com '],
    ['email', ' ana@example.com'],
    ['email', 'ana\t@example.com'],
    ['email', 'ana@example.com\n'],
    ['email', 'ana\u0000@example.com'],
    ['email', 'ana\u001b[2J@example.com'],
    ['email', 'ana\u007f@example.com'],
    ['email', 'ana\u00a0@example.com'], // no-break space
    ['email', 'ana\u2028@example.com'], // line separator
    ['email', 'ana\ud800@example.com'], // lone surrogate
    ['email', '<script>alert(1)</script>@example.com'],
    ['email', '"ana"@example.com'],
    ['email', 'ana@[127.0.0.1]'],
    ['email', 'javascript:alert(1)//@example.com'],
    ['email', 'ana,bob@example.com'],
    ['email', `${'a'.repeat(64)}@${'b'.repeat(186)}.com`], // 255 characters
    ['email', ['ana@example.com']],
    ['email', 42],
    ['at', '2026-11-22T22:30:00Z'],
    ['at', '2026-02-29T10:00:00Z'],
    ['at', undefined],
    ['consentVersion', ''],
    ['consentVersion', 'v'.repeat(65)],
    ['consentVersion', 'v\n'],
    ['consentVersion', undefined],
    ['retentionDays', 0],
    ['retentionDays', 91],
    ['retentionDays', 1.5],
    ['retentionDays', '30'],
    ['retentionDays', -1],
    ['retentionDays', Number.NaN],
    ['retentionDays', undefined],
  ];

  it.each(cases)('rejects %s = %j, naming the field and the contact id', (field, value) => {
    const c = contact({ [field]: value });
    if (value === undefined) delete c[field];
    const v = contactVerdicts(c);
    expect(v.schema).toBe(false);
    expect(v.check).toMatch(new RegExp(`^contact\\.${field}: ${value === undefined ? 'missing' : 'invalid'}$`));
    expect(v.batch).toMatchObject({ ok: false, field, index: 0 });
    if (!v.batch.ok) {
      expect(v.batch.error).toMatch(new RegExp(`^contacts\\[0\\]( \\(id ${CONTACT_ID}\\))?: ${field}: `));
      // The id the widget drops on a 400: the contact's own, never its answer's.
      if (field !== 'id') expect(v.batch.id).toBe(CONTACT_ID);
      else expect(v.batch.id).toBeUndefined();
    }
  });

  it('names the contact by index and id, and what was expected', () => {
    const other = contact({ id: '7e57ab1e-0000-4000-8000-000000000001' });
    expect(parseBatch({ v: 1, responses: [full()], contacts: [contact(), { ...other, retentionDays: 365 }] })).toEqual({
      ok: false,
      error:
        'contacts[1] (id 7e57ab1e-0000-4000-8000-000000000001): retentionDays: expected a whole number of days from 1 to 90, got 365',
      field: 'retentionDays',
      id: '7e57ab1e-0000-4000-8000-000000000001',
      index: 1,
    });
  });

  it('never repeats the address in an error: a refusal can end up in a host page or a log', () => {
    const address = 'ana@localhost';
    const result = parseBatch({ v: 1, responses: [], contacts: [contact({ email: address })] });
    expect(result).toMatchObject({ ok: false, field: 'email', id: CONTACT_ID, index: 0 });
    if (result.ok) return;
    expect(result.error).toBe(
      `contacts[0] (id ${CONTACT_ID}): email: expected an e-mail address of at most 254 characters: one @, a dot in the domain, ` +
        'no white space, control characters or any of <>()[]\\,;:", got a string of 13 characters',
    );
    expect(result.error).not.toContain('ana');
    expect(checkContact(contact({ email: address }))).toBe('contact.email: invalid');
  });

  it.each(['email2', 'name', 'ip', 'score', '__proto__'])('rejects a contact with an unknown field "%s"', (key) => {
    const c =
      key === '__proto__'
        ? JSON.parse(JSON.stringify(contact()).replace('{', '{"__proto__":{"x":1},'))
        : contact({ [key]: 'x' });
    const v = contactVerdicts(c);
    expect(v.schema).toBe(false);
    expect(v.check).toBe(`contact.${key}: unknown field`);
    expect(v.batch).toEqual({
      ok: false,
      error: `contacts[0] (id ${CONTACT_ID}): ${key}: unknown field`,
      field: key,
      id: CONTACT_ID,
      index: 0,
    });
  });

  it('rejects a contact that is not an object, naming its index', () => {
    expect(parseBatch({ v: 1, responses: [], contacts: [contact(), 'x'] })).toEqual({
      ok: false,
      error: 'contacts[1]: expected a contact object, got "x"',
      index: 1,
    });
    expect(checkContact(null)).toBe('contact: expected an object');
  });

  const contacts = (n: number) =>
    Array.from({ length: n }, (_, i) => contact({ id: `7e57ab1e-0000-4000-8000-${String(i).padStart(12, '0')}` }));
  const responses = (n: number) => Array.from({ length: n }, () => full());

  it.each([
    [0, 1],
    [1, 1],
    [0, MAX_BATCH],
    [MAX_BATCH - 1, 1],
    [25, 25],
  ])('accepts %i responses with %i contacts', (r, c) => {
    const body = { v: 1, responses: responses(r), contacts: contacts(c) };
    expect(parseBatch(body).ok).toBe(true);
    expect(batchSchema.safeParse(body).success).toBe(true);
  });

  it.each([
    [0, 0],
    [MAX_BATCH, 1],
    [25, 26],
    [0, MAX_BATCH + 1],
  ])('rejects %i responses with %i contacts: 1–50 records in all', (r, c) => {
    expect(parseBatch({ v: 1, responses: responses(r), contacts: contacts(c) })).toEqual({
      ok: false,
      error: `contacts: expected responses and contacts to hold 1–50 records together, got ${r + c}`,
      field: 'contacts',
    });
  });

  it.each([
    [{ v: 1, responses: [full()], contacts: contact() }, 'contacts: expected an array of contacts, got an object'],
    [{ v: 1, responses: [full()], contacts: null }, 'contacts: expected an array of contacts, got null'],
    [
      { v: 1, contacts: [contact()] },
      'responses: missing, expected an array of responses (may be empty when there are contacts)',
    ],
  ])('rejects %j', (input, error) => {
    expect(parseBatch(input)).toMatchObject({ ok: false, error });
  });
});

describe('checkResponse (browser) and responseSchema (server) agree', () => {
  // mulberry32: a tiny seeded PRNG, so every run tries the same records.
  function prng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const random = prng(20261122);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hex = (n: number) => Array.from({ length: n }, () => pick([...'0123456789abcdef'])).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  const str = (n: number, c = 'a') => c.repeat(n);

  const generic = [
    undefined,
    null,
    true,
    false,
    0,
    1,
    -1,
    5.5,
    Number.NaN,
    Infinity,
    '',
    'x',
    [],
    {},
    ['x'],
    { a: 1 },
    str(2000),
  ];
  const near: Record<keyof NpsResponse, () => unknown[]> = {
    id: () => [
      uuid(),
      uuid().toUpperCase(),
      uuid().replace(/-4/, '-7'),
      uuid().replace(/-[89ab]/, '-c'),
      uuid().slice(1),
      `${uuid()}0`,
      uuid().replace(/-/g, ''),
      ` ${uuid()}`,
      `${uuid()}\n`,
    ],
    survey: () => ['a', 'home', 'nps_2026-q1', str(64), str(65), 'A', 'a b', 'é', 'a.b', '-', '_'],
    score: () => [
      0,
      1,
      6,
      7,
      8,
      9,
      10,
      11,
      -1,
      -0,
      5.5,
      9.0000001,
      '5',
      '10',
      1e21,
      Number.MAX_SAFE_INTEGER + 2,
      Number.NaN,
    ],
    comment: () => [
      '',
      'x',
      ' ',
      '\n',
      str(1000),
      str(1001),
      str(999, '😀').slice(0, 1000),
      '\ud800',
      'a\udc00b',
      '😀',
      `${str(999)}\ud83d`,
      'ok',
      'a\u0000b',
      '\u0000',
      'a\tb\r\nc',
      '\t',
      '\u000b',
      '\u001f',
      '\u007f',
      '\u0080',
      `${str(999)}\u0001`,
    ],
    category: () => ['promoter', 'passive', 'detractor', 'Promoter', 'neutral', ''],
    locale: () => ['pt', 'en', 'haw', 'pt-BR', 'PT', 'p', 'port', 'p1', 'pt\n', ''],
    page: () => [
      '/',
      '/a',
      '/pricing/:id',
      'a',
      '',
      '//x',
      '/a?b',
      '/a#b',
      `/${str(199)}`,
      `/${str(200)}`,
      '/\ud800',
      '/😀',
      '/a b',
      '/%3F',
      '/\u0000',
      '/a\tb',
      '/\u001f',
      '/\u007f',
      '/%00',
    ],
    device: () => ['mobile', 'tablet', 'desktop', 'Mobile', 'tv', ''],
    at: () => [
      '2026-11-22T22:00:00Z',
      '2026-01-01T00:00:00Z',
      '2028-02-29T12:00:00Z',
      '2000-02-29T12:00:00Z',
      '1900-02-29T12:00:00Z',
      '2026-02-29T12:00:00Z',
      '2026-02-28T23:00:00Z',
      '2026-04-30T05:00:00Z',
      '2026-04-31T05:00:00Z',
      '2026-12-31T23:00:00Z',
      '2026-12-31T24:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-11-22T22:30:00Z',
      '2026-11-22T22:00:30Z',
      '2026-11-22T22:00:00.000Z',
      '2026-11-22T22:00:00z',
      '2026-11-22T22:00:00+00:00',
      '2026-11-22T22:00Z',
      '2026-11-22',
      '0000-02-29T00:00:00Z',
      '9999-12-31T23:00:00Z',
      '0100-02-29T00:00:00Z',
      '2026-11-22T25:00:00Z',
    ],
    consentVersion: () => ['1', 'v2', str(64), str(65), '', '\ud800', ' ', '\u0000', 'v\n', 'v\t', '\u007f', '\u0080'],
    segment: () => [
      undefined,
      {},
      { plan: 'pro' },
      { a: '1', b: '2', c: '3', d: '4', e: '5' },
      { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' },
      { '1a': 'x' },
      { _a: 'x' },
      { [`a${str(31)}`]: 'x' },
      { [`a${str(32)}`]: 'x' },
      { a: '' },
      { a: str(64) },
      { a: str(65) },
      { a: 'x/y' },
      { a: 'a b.c-d_e' },
      { a: 1 },
      { a: null },
      { a: ['x'] },
      ['x'],
      null,
      'pro',
      JSON.parse('{"__proto__":"x"}'),
      { constructor: 'x' },
      { 'a-b': 'x' },
      { a: '\ud800' },
      { a: 'é' },
    ],
    sdk: () => [
      '0.1.0',
      '1.2.3',
      '10.20.30-rc.1',
      '1.2',
      'v1.2.3',
      `1.2.3${str(27)}`,
      `1.2.3${str(28)}`,
      '1.2.3\ud800',
      '1.2.3 x',
      '',
      '1.2.3\u0000',
      '1.2.3\n',
      '1.2.3-\u007f',
    ],
    proof: () => [
      undefined,
      hex(64),
      hex(63),
      hex(65),
      hex(64).toUpperCase(),
      `${hex(63)}g`,
      ` ${hex(63)}`,
      `${hex(64)}\n`,
    ],
  };
  const fields = Object.keys(near) as (keyof NpsResponse)[];

  /** A random valid response. */
  function base(): Record<string, unknown> {
    const score = Math.floor(random() * 11);
    const r: Record<string, unknown> = {
      id: uuid(),
      survey: pick(['home', 'checkout']),
      score,
      category: categoryOf(score),
      locale: pick(['en', 'de', 'haw']),
      page: pick(['/', '/app/:id']),
      device: pick(['mobile', 'tablet', 'desktop']),
      at: '2026-11-22T22:00:00Z',
      consentVersion: '1',
      sdk: '0.1.0',
    };
    if (random() < 0.5) r.comment = pick(['Great', 'Slow on mobile']);
    if (random() < 0.5) r.segment = { plan: pick(['pro', 'free']) };
    return r;
  }

  /** One random change: a near-valid value, any value, a missing field, or an extra key. */
  function mutate(r: Record<string, unknown>): void {
    const field = pick(fields);
    const roll = random();
    if (roll < 0.65) r[field] = pick(near[field]());
    else if (roll < 0.8) r[field] = pick(generic);
    else if (roll < 0.9) delete r[field];
    else if (roll < 0.95)
      Object.defineProperty(r, pick(['ip', 'userAgent', '__proto__', 'constructor', 'x']), {
        value: 'x',
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else r[field] = undefined;
    // Often keep the category right, so the score's own rules are what is tested.
    if (field === 'score' && random() < 0.7 && Number.isInteger(r.score)) r.category = categoryOf(r.score as number);
  }

  it('accept exactly the same records among thousands of mutated ones', () => {
    const disagreements: string[] = [];
    let accepted = 0;
    let singleFieldMismatches = 0;
    const N = 5000;
    for (let i = 0; i < N; i++) {
      const r = base();
      const changes = random() < 0.6 ? 1 : 1 + Math.floor(random() * 3);
      for (let c = 0; c < changes; c++) mutate(r);
      const input: unknown = random() < 0.01 ? pick([null, [], 'x', 42, [r]]) : r;
      const schema = responseSchema.safeParse(input).success;
      const check = checkResponse(input);
      if (schema !== (check === undefined)) {
        disagreements.push(
          `zod ${schema ? 'accepts' : 'rejects'}, checkResponse ${check ?? 'accepts'}: ${JSON.stringify(input)}`,
        );
      }
      if (schema) accepted++;
      // With one change, both name the same field.
      if (changes === 1 && check && input === r) {
        const result = parseBatch(batch(r));
        const named = check.match(/^response\.(.*): /)?.[1];
        if (!result.ok && result.field !== named) singleFieldMismatches++;
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(singleFieldMismatches).toBe(0);
    // Not vacuous: a good share of each outcome.
    expect(accepted).toBeGreaterThan(N * 0.2);
    expect(accepted).toBeLessThan(N * 0.8);
  });

  const nearContact: Record<keyof NpsContact, () => unknown[]> = {
    id: near.id,
    answerId: near.id,
    email: () => [
      'a@b.co',
      'ana@example.com',
      "o'neil+x@mail.example.co.uk",
      'zoë@bücher.example',
      `${str(64)}@${str(185, 'b')}.com`,
      `${str(64)}@${str(186, 'b')}.com`,
      'ana.example.com',
      'a@b@c.de',
      '@example.com',
      'ana@',
      'ana@localhost',
      'ana@example.',
      'ana@.',
      'a@.b',
      'ana @example.com',
      ' ana@example.com',
      'ana@example.com\n',
      'a\u0000@b.co',
      'a\u001f@b.co',
      'a\u007f@b.co',
      'a\u0080@b.co',
      'a\u00a0@b.co',
      'a\u2028@b.co',
      'a\ufeff@b.co',
      'a\ud800@b.co',
      'a😀@b.co',
      '<a>@b.co',
      'a@[1.2.3.4]',
      '"a"@b.co',
      'a:b@c.de',
      'a;b@c.de',
      'a,b@c.de',
      'a\\b@c.de',
      'a(b)@c.de',
      'a@b.c.d.e',
      'a..b@c..d',
      '',
    ],
    at: near.at,
    consentVersion: near.consentVersion,
    retentionDays: () => [1, 2, 30, 89, 90, 91, 0, -1, 1.5, '30', 365, Number.NaN, Infinity, -0, 1e21],
  };
  const contactFields = Object.keys(nearContact) as (keyof NpsContact)[];

  it('checkContact (browser) and contactSchema (server) accept exactly the same contacts', () => {
    const disagreements: string[] = [];
    let accepted = 0;
    let singleFieldMismatches = 0;
    const N = 4000;
    for (let i = 0; i < N; i++) {
      const c: Record<string, unknown> = {
        id: uuid(),
        answerId: uuid(),
        email: pick(['ana@example.com', 'b.o@mail.example.org']),
        at: '2026-11-22T22:00:00Z',
        consentVersion: pick(['1', 'reply-v2']),
        retentionDays: pick([1, 30, 90]),
      };
      const changes = random() < 0.6 ? 1 : 1 + Math.floor(random() * 3);
      for (let k = 0; k < changes; k++) {
        const field = pick(contactFields);
        const roll = random();
        if (roll < 0.7) c[field] = pick(nearContact[field]());
        else if (roll < 0.82) c[field] = pick(generic);
        else if (roll < 0.92) delete c[field];
        else
          Object.defineProperty(c, pick(['name', 'score', '__proto__', 'constructor', 'x']), {
            value: 'x',
            enumerable: true,
            configurable: true,
            writable: true,
          });
      }
      const input: unknown = random() < 0.01 ? pick([null, [], 'x', 42, [c]]) : c;
      const schema = contactSchema.safeParse(input).success;
      const check = checkContact(input);
      if (schema !== (check === undefined))
        disagreements.push(
          `zod ${schema ? 'accepts' : 'rejects'}, checkContact ${check ?? 'accepts'}: ${JSON.stringify(input)}`,
        );
      if (schema) accepted++;
      if (changes === 1 && check && input === c) {
        const result = parseBatch({ v: 1, responses: [], contacts: [c] });
        const named = check.match(/^contact\.(.*): /)?.[1];
        if (!result.ok && result.field !== named) singleFieldMismatches++;
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(singleFieldMismatches).toBe(0);
    // Not vacuous: each outcome often (most mutations of a contact break it).
    expect(accepted).toBeGreaterThan(N * 0.1);
    expect(accepted).toBeLessThan(N * 0.8);
  });
});
