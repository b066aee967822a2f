/**
 * Thrown by `createNps` and `parseConfig` when the configuration is wrong.
 * The message is one line naming each bad key and what was expected, e.g.
 * `endpoint: expected an https URL (http only for localhost), got "ftp://x"`.
 */
export class CandorConfigError extends Error {
  /** The first offending key as a dotted path, e.g. `theme.accent` ("" for the config itself). */
  readonly key: string;

  constructor(message: string, key: string) {
    super(message);
    this.name = 'CandorConfigError';
    this.key = key;
  }
}
