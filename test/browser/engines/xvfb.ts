import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** A virtual X display for WebKitGTK, which has no headless mode. */
export interface Display {
  /** The `DISPLAY` value, e.g. `:3`. */
  display: string;
  /** Stops the X server. */
  stop(): void;
}

/**
 * Starts Xvfb on a free display: Xvfb picks the number itself (`-displayfd`)
 * and writes it once it accepts connections, so two runs never race for one.
 */
export function startXvfb(timeout = 10_000): Promise<Display> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let log = '';
  xvfb.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk).slice(-2000)));
  const stop = () => void xvfb.kill('SIGTERM');
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      stop();
      reject(new Error(`Xvfb did not start: ${why}\n${log}`));
    };
    const timer = setTimeout(() => fail(`no display after ${timeout} ms`), timeout);
    let out = '';
    (xvfb.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      out += chunk;
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve({ display: `:${out.trim()}`, stop });
    });
    xvfb.once('error', (error) => fail(error.message));
    xvfb.once('exit', (code) => fail(`exited with ${code}`));
  });
}
