import { describe, expect, test } from 'vitest';
import { configFromFragment, embedConfig } from '../../widget/embed.js';

/** base64url of UTF-8 JSON, as an app builds the fragment. */
const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('embed.html config', () => {
  test('reads #config=<base64url JSON>, non-ASCII included', () => {
    const config = { survey: 'app', brand: 'Café Über', strings: { thanks: 'شكرا' } };
    expect(configFromFragment(`#config=${encode(config)}`)).toEqual(config);
    expect(configFromFragment(`#lang=de&config=${encode(config)}`)).toEqual(config);
  });

  test('no fragment: undefined (the app calls Candor.init itself)', () => {
    expect(configFromFragment('')).toBeUndefined();
    expect(configFromFragment('#other=1')).toBeUndefined();
  });

  test('a fragment that is not base64url JSON throws (embed.ts logs one line)', () => {
    expect(() => configFromFragment('#config=bm90IGpzb24')).toThrow();
  });

  test('defaults to full-page over the bridge; an endpoint means fetch; the app can override both', () => {
    expect(embedConfig({ survey: 'app' })).toEqual({ survey: 'app', position: 'full-page', transport: 'bridge' });
    expect(embedConfig({ survey: 'app', endpoint: 'https://x.test/' })).toEqual({
      survey: 'app',
      endpoint: 'https://x.test/',
      position: 'full-page',
    });
    expect(embedConfig({ survey: 'app', position: 'bottom-right' }).position).toBe('bottom-right');
  });
});
