import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { DestinationStream, Logger, LevelWithSilent };

/** Log levels CANDOR_LOG_LEVEL takes, from the most to the least said. */
export const LOG_LEVELS: readonly LevelWithSilent[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The collector's log: one JSON object per line (pino) on stdout, or on
 * `destination`. What goes in is chosen where each line is written, and never
 * includes an address, a user agent, a header, a body or a token: only
 * methods, route patterns, statuses, times, counts and database messages.
 * No hostname or pid either (a supervisor adds its own).
 */
export function createLog(level: LevelWithSilent = 'info', destination?: DestinationStream): Logger {
  return pino({ level, base: { name: 'candor-collector' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
