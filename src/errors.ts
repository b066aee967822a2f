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

/** Why an answer was refused; each code has a one-line message. */
export type CandorErrorCode =
  | 'ConsentRequired'
  | 'InvalidAnswer'
  | 'RecordTooLarge'
  | 'QueueFull'
  | 'StorageFull'
  | 'StorageFailed'
  /** Called where Candor cannot store anything: no browser page (server rendering), or after `destroy()`. */
  | 'Unsupported';

/**
 * Rejects `submit()` when an answer can't be accepted: nothing of it was
 * stored. `code` says why; the message says what to do.
 */
export class CandorError extends Error {
  readonly code: CandorErrorCode;

  constructor(code: CandorErrorCode, message: string) {
    super(message);
    this.name = 'CandorError';
    this.code = code;
  }
}
