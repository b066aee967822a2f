/**
 * The first `max` UTF-16 units of `s`, one fewer when the cut would split a
 * surrogate pair: a lone half cannot be encoded as UTF-8, so the wire format
 * refuses it.
 */
export const cut = (s: string, max: number): string => s.slice(0, max).replace(/[\ud800-\udbff]$/, '');
