const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A deletion secret (32 random bytes, hex) and its proof (the SHA-256 of the
 * secret's text, hex): the answer carries the proof, the device keeps the
 * secret. Undefined where `crypto.subtle` is missing (a page that is not a
 * secure context): that answer cannot be taken back.
 */
export async function newSecret(): Promise<{ secret: string; proof: string } | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const secret = hex(crypto.getRandomValues(new Uint8Array(32)));
  return { secret, proof: hex(await subtle.digest('SHA-256', new TextEncoder().encode(secret))) };
}
