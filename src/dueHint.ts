import type { Backend } from './storage/backend.js';
import { ASIDE, PAUSE, RECEIPT, RECORD, end } from './storage/keys.js';

/**
 * When the device's stored Candor data next needs a page's attention: an
 * answer, contact or withdrawal to send (or expire), a receipt or a set-aside
 * entry to delete. The script tag's loader reads it on every page view, so a
 * view with nothing due loads nothing more. One localStorage item,
 * `"<due ms>,<written ms>"`, written only once something is stored (after
 * consent), and removed once the store is empty. It holds two times, no
 * identifier.
 */
export const DUE_KEY = 'candor:due';

/** A pass that started this soon after the hint was written may have missed the write it announced. */
const IN_FLIGHT_MS = 60_000;
/** The longest a set-aside entry is kept (src/scan.ts). */
const ASIDE_MS = 30 * 86_400_000;

const raw = (): string | null => localStorage.getItem(DUE_KEY);
// This page's own marks: the last value it wrote, and how many of its writes have not settled yet.
let own: string | undefined;
let pending = 0;
const parse = (value: string | null) => value?.split(',').map(Number) ?? [];

/**
 * What the loader needs: `null` when nothing is stored, else when something
 * is due (now or earlier: due now; a value it cannot read: due now).
 * Throws where localStorage cannot be read.
 */
export function readDue(): number | null {
  const value = raw();
  if (value === null) return null;
  const [due] = parse(value);
  return Number.isFinite(due) ? due! : 0;
}

/**
 * Before a write that stores something to send: the hint says "due at `at`"
 * (or earlier). Written before the write begins, so a tab killed between its
 * commit and anything later still leaves the hint behind. Call the returned
 * function once the write has committed or failed.
 */
export function markDue(at: number): () => void {
  pending++;
  try {
    const [due] = parse(raw());
    localStorage.setItem(DUE_KEY, (own = `${Math.min(Number.isFinite(due) ? due! : at, at)},${Date.now()}`));
  } catch {
    // No localStorage: the loader then loads delivery on every view (it cannot know).
  }
  let done = false;
  return () => void (done || ((done = true), pending--));
}

/** The hint as a pass found it: `settleDue` writes only if no tab changed it since. */
export function snapshotDue(): string | null | undefined {
  try {
    return raw();
  } catch {
    return undefined;
  }
}

/** When anything in `backend` is next due (Infinity when it is empty of such things). */
export async function nextDue(backend: Backend): Promise<number> {
  const paused = new Map(
    (await backend.range(PAUSE, end(PAUSE))).map(([key, until]) => [key.slice(PAUSE.length), Number(until)]),
  );
  let next = Infinity;
  const at = (t: unknown) => (next = Math.min(next, Number.isFinite(t) ? (t as number) : 0));
  for (const [, r] of await backend.range(RECORD, end(RECORD))) {
    const { nextAt, expiresAt, route } = (r ?? {}) as { nextAt?: number; expiresAt?: number; route?: string };
    at(Math.min(Math.max(Number(nextAt), paused.get(String(route)) ?? 0), Number(expiresAt)));
  }
  for (const [, r] of await backend.range(RECEIPT, end(RECEIPT))) at((r as { expiresAt?: number })?.expiresAt);
  for (const [, r] of await backend.range(ASIDE, end(ASIDE))) at(Number((r as { at?: number })?.at) + ASIDE_MS);
  return next;
}

/**
 * After a delivery pass over the whole store (begun at `startedAt`,
 * `Date.now()`): writes when the store is next due (or removes the hint when
 * nothing is left), unless another tab changed the hint since `before` was
 * read, or another tab wrote `before` so shortly before the pass began that
 * its write may not have committed yet: then the hint stays as it is, and a
 * later pass settles it.
 */
export async function settleDue(backend: Backend, before: string | null | undefined, startedAt: number) {
  if (before === undefined) return;
  const [, written] = parse(before);
  const settled = before === null || (before === own ? !pending : written! < startedAt - IN_FLIGHT_MS);
  if (!settled) return;
  const next = await nextDue(backend);
  try {
    if (raw() !== before) return;
    if (next === Infinity) localStorage.removeItem(DUE_KEY);
    else localStorage.setItem(DUE_KEY, `${next},${Date.now()}`);
  } catch {
    // Full or disabled: the hint stays as it was (at worst a view loads delivery and finds nothing).
  }
}
