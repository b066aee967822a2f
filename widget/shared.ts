import modules, { key } from 'virtual:candor-shared';

/**
 * Hands this loader's modules (the config check, the rules and what they
 * need: scripts/shared.mjs lists them) to the parts it is about to import,
 * which read them instead of carrying a second copy; with them, how the parts
 * import a part of their own later (`importLater(file, their URL)`: preloaded
 * with its integrity hash first). Only the loader whose API runs imports (a
 * second copy of candor.js hands its calls to the first).
 */
export function share(importLater: (file: string, from: string) => Promise<unknown>) {
  (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(key)] = [modules, importLater];
}
