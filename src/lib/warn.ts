const seen = new Set<string>();

/** `console.warn` once per distinct message, prefixed with `[Candor]`. */
export function warn(message: string): void {
  if (seen.has(message)) return;
  seen.add(message);
  console.warn(`[Candor] ${message}`);
}
