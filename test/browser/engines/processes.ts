import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from './types.js';

// Finding the OS process that renders one page, for the tests that kill it.
// Neither WebDriver classic nor BiDi says which process renders a page, so
// the page tells us: it allocates and fills 64 MB, and the one candidate
// process whose resident memory grew by more than 48 MB is its renderer.

const BALLAST_MB = 64;

/** The ids of `root` and of every process below it, read from /proc. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may contain spaces and parentheses: the parent id follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

/** The process's command line, arguments split; empty once it has exited. */
export function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** Resident memory in KiB; 0 once the process has exited. */
function residentKiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * The id of the process rendering `page`, among `candidates()` (the engine's
 * content processes): the one that grows when the page fills 64 MB.
 */
export async function rendererOf(page: Page, candidates: () => number[]): Promise<number> {
  const before = new Map(candidates().map((pid) => [pid, residentKiB(pid)]));
  await page.evaluate((mb) => {
    (window as unknown as { __ballast?: Uint8Array }).__ballast = new Uint8Array(mb << 20).fill(1);
  }, BALLAST_MB);
  const grown = [...before].filter(([pid, kib]) => residentKiB(pid) - kib > ((BALLAST_MB * 3) / 4) * 1024);
  await page.evaluate(() => void delete (window as unknown as { __ballast?: Uint8Array }).__ballast);
  if (grown.length !== 1) throw new Error(`cannot tell which process renders the page (${grown.length} grew)`);
  return grown[0]![0];
}

/** Sends `signal` to each process that still exists. */
export function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // exited meanwhile
    }
  }
}
