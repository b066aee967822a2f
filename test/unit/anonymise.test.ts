import { describe, expect, test, vi } from 'vitest';
import { buildResponse, deviceOf } from '../../src/anonymise.js';
import { anonymisePath } from '../../src/lib/anonymisePath.js';
import { hourOf } from '../../src/lib/hourOf.js';
import { parseConfig } from '../../src/config.js';
import { uuid } from '../../src/lib/uuid.js';
import { checkResponse } from '../../src/lib/checkResponse.js';
import { parseBatch } from '../../src/schema.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('anonymisePath', () => {
  test.each([
    ['/pricing', '/pricing'],
    ['/orders/12345', '/orders/:id'],
    ['/u/3f2504e0-4f89-41d3-9a0c-0305e82c3301/settings', '/u/:id/settings'],
    ['/files/a3f9c2d4e5b6a7c8', '/files/:id'],
    ['/reset/eyJhbGciOiJIUzI1NiJ9x2', '/reset/:id'],
    ['/people/jane.doe%40example.com', '/people/:id'],
    ['/blog/how-we-build-candor', '/blog/how-we-build-candor'],
    ['/v2/docs', '/v2/docs'],
    ['/search?q=jane&page=2#results', '/search'],
    ['', '/'],
  ])('%s → %s', (path, expected) => {
    expect(anonymisePath(path)).toBe(expected);
  });

  test('keeps at most 200 characters', () => {
    expect(anonymisePath(`/${'docs/'.repeat(60)}`)).toHaveLength(200);
  });
});

describe('response builder', () => {
  test('classifies the device from the pointer and the viewport width, never the user agent', () => {
    expect(deviceOf(390, true)).toBe('mobile');
    expect(deviceOf(820, true)).toBe('tablet');
    expect(deviceOf(390, false)).toBe('desktop');
    expect(deviceOf(1440, false)).toBe('desktop');
  });

  test('keeps only the hour, in UTC', () => {
    expect(hourOf(Date.UTC(2026, 10, 22, 22, 47, 13, 999))).toBe('2026-11-22T22:00:00Z');
  });

  test('makes random v4 ids, also where crypto.randomUUID is missing (http pages)', () => {
    expect(uuid()).toMatch(V4);
    const original = crypto.randomUUID;
    (crypto as { randomUUID?: unknown }).randomUUID = undefined;
    try {
      const ids = new Set(Array.from({ length: 200 }, uuid));
      expect(ids.size).toBe(200);
      for (const id of ids) expect(id).toMatch(V4);
    } finally {
      (crypto as { randomUUID?: unknown }).randomUUID = original;
      vi.restoreAllMocks();
    }
  });

  test('builds exactly the allowlisted fields, redacting the comment', () => {
    const config = parseConfig({ survey: 'home', endpoint: 'https://x.test/c', segment: { plan: 'pro' } });
    const r = buildResponse(
      config,
      { score: 6, comment: 'Call me on +49 30 1234567 or jane@example.com', consentVersion: '3' },
      { now: Date.UTC(2026, 0, 5, 8, 59), path: '/orders/991234/edit', lang: 'pt-BR', width: 390, coarse: true },
    );
    expect(Object.keys(r).sort()).toEqual(
      [
        'at',
        'category',
        'comment',
        'consentVersion',
        'device',
        'id',
        'locale',
        'page',
        'score',
        'sdk',
        'segment',
        'survey',
      ].sort(),
    );
    expect(r).toMatchObject({
      survey: 'home',
      score: 6,
      comment: 'Call me on [phone] or [email]',
      category: 'detractor',
      locale: 'pt',
      page: '/orders/:id/edit',
      device: 'mobile',
      at: '2026-01-05T08:00:00Z',
      consentVersion: '3',
      segment: { plan: 'pro' },
    });
    expect(r.id).toMatch(V4);
    expect(checkResponse(r)).toBeUndefined();
  });

  test('strips control characters from the comment but keeps tab, CR and LF, so the server accepts it', () => {
    const config = parseConfig({ survey: 'home', endpoint: 'https://x.test/c' });
    const r = buildResponse(
      config,
      { score: 9, comment: 'Fast\u0000 and\u0007 kind\u001b[31m\tyes\r\nreally\u007f', consentVersion: '1' },
      { now: Date.UTC(2026, 0, 5, 8, 59), path: '/', lang: 'en', width: 1280, coarse: false },
    );
    expect(r.comment).toBe('Fast and kind[31m\tyes\r\nreally');
    expect(checkResponse(r)).toBeUndefined();
    expect(parseBatch({ v: 1, responses: [r] }).ok).toBe(true);
  });

  test('strips control characters before redacting, so they cannot hide an e-mail', () => {
    const config = parseConfig({ survey: 'home', endpoint: 'https://x.test/c' });
    const facts = { now: 0, path: '/', lang: 'en', width: 1280, coarse: false };
    expect(
      buildResponse(config, { score: 9, comment: 'jane\u0000@example.com', consentVersion: '1' }, facts).comment,
    ).toBe('[email]');
  });

  test('leaves no comment when only control characters were written', () => {
    const config = parseConfig({ survey: 'home', endpoint: 'https://x.test/c' });
    const facts = { now: 0, path: '/', lang: 'en', width: 1280, coarse: false };
    expect(buildResponse(config, { score: 9, comment: '\u0000\u0001', consentVersion: '1' }, facts)).not.toHaveProperty(
      'comment',
    );
  });

  test('cuts a comment that redaction made longer than 1,000 characters without splitting an emoji', () => {
    const config = parseConfig({ survey: 'home', endpoint: 'https://x.test/c' });
    const facts = { now: 0, path: '/', lang: 'en', width: 1280, coarse: false };
    // "a@b.c" (5) becomes "[email]" (7): the emoji at 997–998 moves to 999–1000, across the cut.
    const comment = `a@b.c ${'x'.repeat(991)}\u{1F600}x`;
    expect(comment).toHaveLength(1000);
    const r = buildResponse(config, { score: 9, comment, consentVersion: '1' }, facts);
    expect(r.comment).toBe(`[email] ${'x'.repeat(991)}`);
    expect(checkResponse(r)).toBeUndefined();
  });
});
