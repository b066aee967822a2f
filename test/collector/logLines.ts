// A log for a test: the collector's own JSON logger, writing into an array of lines.
import { Writable } from 'node:stream';
import { createLog } from '../../demo/collector/log.js';

/** A logger at `info` and the JSON lines it wrote so far. */
export function logLines() {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk, _, done) => (lines.push(...String(chunk).split('\n').filter(Boolean)), done()),
  });
  return {
    log: createLog('info', sink),
    sink,
    lines,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
