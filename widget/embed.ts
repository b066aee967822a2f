// embed.html's script: the prompt full-screen in a mobile app's webview.
// Config comes from the URL fragment `#config=<base64url JSON>`, or from the
// app calling `Candor.init(...)` itself. Answers go to the app over the
// native bridge unless the config names an `endpoint` (README "Mobile webviews").
import type { NpsInstance } from '../src/index.js';

declare const Candor: { init(config: unknown): NpsInstance | null };

/** Decodes `#config=<base64url JSON>`; undefined when the fragment has none. */
export function configFromFragment(hash: string): Record<string, unknown> | undefined {
  const encoded = /[#&]config=([\w-]+)/.exec(hash)?.[1];
  if (!encoded) return undefined;
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** The config embed.html starts with: full-page, the bridge unless an endpoint is given. */
export function embedConfig(config: Record<string, unknown>): Record<string, unknown> {
  return { position: 'full-page', ...(config.endpoint ? {} : { transport: 'bridge' }), ...config };
}

try {
  let config: Record<string, unknown> | undefined;
  try {
    config = configFromFragment(location.hash);
  } catch {
    console.error('[Candor] embed.html: #config= is not base64url-encoded JSON');
  }
  if (config) Candor.init(embedConfig(config))?.show({ force: true });
} catch (error) {
  console.error('[Candor] embed.html:', error);
}
