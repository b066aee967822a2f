// Languages written right to left (ISO 639-1/-3 codes).
const RTL = ['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug'];

/** True when a BCP 47 tag names a right-to-left language. */
export function isRtl(tag: string): boolean {
  return RTL.includes(tag.toLowerCase().split('-')[0]!);
}
