/** An opaque sRGB colour as computed styles give it (`rgb(r, g, b)`); undefined for anything else. */
export function parseRgb(css: string): number[] | undefined {
  const n = css.startsWith('rgb') ? css.match(/[\d.]+/g)!.map(Number) : [];
  return n.length === 3 || (n.length === 4 && n[3] === 1) ? n.slice(0, 3) : undefined;
}

// Relative luminance (WCAG 2).
const luminance = (rgb: number[]) =>
  rgb
    .map((v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);

/** WCAG 2 contrast ratio of two computed colours (1–21), or undefined when either can't be read. */
export function contrast(a: string, b: string): number | undefined {
  const x = parseRgb(a);
  const y = parseRgb(b);
  if (!x || !y) return undefined;
  const [lo, hi] = [luminance(x), luminance(y)].sort();
  return (hi! + 0.05) / (lo! + 0.05);
}
