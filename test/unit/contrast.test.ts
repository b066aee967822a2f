import { describe, expect, test } from 'vitest';
import { contrast, parseRgb } from '../../src/lib/contrast.js';

describe('contrast (WCAG 2)', () => {
  test('black on white is 21:1, a colour on itself 1:1, and the order does not matter', () => {
    expect(contrast('rgb(0, 0, 0)', 'rgb(255, 255, 255)')).toBeCloseTo(21, 5);
    expect(contrast('rgb(255, 255, 255)', 'rgb(0, 0, 0)')).toBeCloseTo(21, 5);
    expect(contrast('rgb(11, 87, 208)', 'rgb(11, 87, 208)')).toBe(1);
  });

  test('known pairs: #767676 on white is the 4.54:1 threshold colour; Candor defaults pass', () => {
    expect(contrast('rgb(118, 118, 118)', 'rgb(255, 255, 255)')).toBeCloseTo(4.54, 2);
    // Light: text, muted text, button text on the accent.
    expect(contrast('rgb(27, 27, 31)', 'rgb(255, 255, 255)')!).toBeGreaterThan(4.5);
    expect(contrast('rgb(85, 86, 92)', 'rgb(255, 255, 255)')!).toBeGreaterThan(4.5);
    expect(contrast('rgb(255, 255, 255)', 'rgb(11, 87, 208)')!).toBeGreaterThan(4.5);
    // Dark.
    expect(contrast('rgb(236, 236, 241)', 'rgb(30, 31, 36)')!).toBeGreaterThan(4.5);
    expect(contrast('rgb(181, 182, 190)', 'rgb(30, 31, 36)')!).toBeGreaterThan(4.5);
    expect(contrast('rgb(6, 46, 111)', 'rgb(168, 199, 250)')!).toBeGreaterThan(4.5);
  });

  test('reads rgb() and opaque rgba(); see-through or other colour spaces are unknown', () => {
    expect(parseRgb('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseRgb('rgba(1, 2, 3, 1)')).toEqual([1, 2, 3]);
    expect(parseRgb('rgba(1, 2, 3, 0.5)')).toBeUndefined();
    expect(parseRgb('oklch(0.5 0.1 200)')).toBeUndefined();
    expect(contrast('oklch(0.5 0.1 200)', 'rgb(0, 0, 0)')).toBeUndefined();
  });
});
