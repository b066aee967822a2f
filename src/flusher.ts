import type { Outbox, OutboxRecord } from './outbox.js';
import type { SendResult } from './transports/fetch.js';
import type { Timers } from './storage/open.js';
import { backoff } from './lib/backoff.js';
import { retryAfter } from './lib/retryAfter.js';
import { lead, BUSY, LEASE_MS } from './lib/lead.js';

/** Counted failures before an answer is given up on. */
export const MAX_ATTEMPTS = 25;
/** While offline, or while another tab leads, look again this often (for expiry and lying onLine flags). */
export const IDLE_CHECK_MS = 600_000;

/** What the flusher needs; every part is swappable in tests. */
export interface FlusherDeps {
  outbox: Outbox;
  /** Whether this instance can deliver a route (a URL, "bridge", "custom:<survey>"). */
  canSend(route: string): boolean;
  send(route: string, records: OutboxRecord[]): Promise<SendResult>;
  now(): number;
  timers: Timers;
  online(): boolean;
  random(): number;
  delivered(records: OutboxRecord[]): void;
  dropped(record: OutboxRecord, reason: string): void;
  error(message: string): void;
}

const PAUSE = 'p:';
const ok = (s: number) => (s >= 200 && s < 300) || s === 409;
const retryable = (s: number) => s === 0 || s === 408 || s === 425 || s === 429 || (s >= 500 && s !== 501 && s !== 505);

/**
 * Delivers the outbox: one batch at a time, one tab at a time, oldest first.
 * A record is deleted only after a 2xx (or 409 duplicate) for it; failures
 * back off with jitter, Retry-After pauses the route for every tab.
 */
export function createFlusher(deps: FlusherDeps) {
  const { outbox, timers } = deps;
  const backend = outbox.backend;
  // Routes that answered 401/403/404/415 or the like: a configuration problem. Kept, tried on the next start.
  const stopped = new Set<string>();
  const me = Math.random().toString(36).slice(2); // this flusher's name on the lease
  let running: Promise<void> | undefined;
  let again = false;
  let timer: unknown;
  let closed = false;

  const wake = (ms: number) => {
    timers.clearTimeout(timer);
    if (!closed) timer = timers.setTimeout(() => void flush(), Math.max(10, ms));
  };

  const drop = async (records: OutboxRecord[], reason: string) => {
    await outbox.remove(records);
    records.forEach((r) => deps.dropped(r, reason));
  };

  async function deliver(route: string, batch: OutboxRecord[], now: number): Promise<void> {
    const result = await deps.send(route, batch);
    const { status } = result;
    if (ok(status)) {
      await outbox.remove(batch);
      return deps.delivered(batch);
    }
    if (status === 413 || status === 400 || status === 422) {
      const bad = batch.find((r) => r.id === result.badId);
      if (bad) {
        await drop([bad], `rejected by the endpoint (${status}${result.message ? `: ${result.message}` : ''})`);
        const rest = batch.filter((r) => r !== bad);
        return rest.length ? deliver(route, rest, now) : undefined;
      }
      if (batch.length === 1) {
        return drop(
          batch,
          status === 413 ? 'too large for the endpoint (413)' : `rejected by the endpoint (${status})`,
        );
      }
      // Split to isolate the bad or oversized record; the rest still goes.
      const half = Math.ceil(batch.length / 2);
      await deliver(route, batch.slice(0, half), now);
      return deliver(route, batch.slice(half), now);
    }
    if (!retryable(status)) {
      stopped.add(route);
      return deps.error(
        `the endpoint ${route} answered ${status}: check the endpoint and the collector's allowed origins and surveys; ${batch.length} answer(s) are kept and sent again on the next page load`,
      );
    }
    const counted = deps.online();
    // Back off from when the answer came (a timeout took 15 s), not from when the batch left.
    now = deps.now();
    const pause = retryAfter(result.retryAfter, now);
    if (pause) await backend.set(PAUSE + route, now + pause);
    const givenUp: OutboxRecord[] = [];
    for (const r of batch) {
      if (counted) r.attempts++;
      r.lastError = status ? `HTTP ${status}` : result.message || 'network error';
      r.nextAt = Math.ceil(now + Math.max(pause ?? 0, backoff(r.attempts, deps.random)));
      if (r.attempts >= MAX_ATTEMPTS) givenUp.push(r);
    }
    await outbox.save(batch.filter((r) => !givenUp.includes(r)));
    await drop(givenUp, `failed ${MAX_ATTEMPTS} times (last: ${givenUp[0]?.lastError})`);
  }

  /** One batch under the lock and the lease. False when nothing more is due. */
  async function step(): Promise<boolean | typeof BUSY> {
    return lead(backend, deps.now, me, async () => {
      const now = deps.now();
      const pauses = new Map((await backend.range(PAUSE, 'p;')).map(([k, v]) => [k.slice(PAUSE.length), v as number]));
      // A pause longer than an hour means the clock went back: ignore it.
      const paused = (route: string) => (pauses.get(route) ?? 0) > now && (pauses.get(route) ?? 0) - now <= 3_600_000;
      const { batch, expired, next } = await outbox.scan(
        now,
        (route) => deps.canSend(route) && !stopped.has(route) && !paused(route),
      );
      await drop(expired, 'expired');
      const soonest = Math.min(next, ...[...pauses.values()].filter((t) => t > now));
      if (soonest < Infinity) wake(soonest - now);
      if (!batch.length) return false;
      if (!deps.online()) {
        wake(IDLE_CHECK_MS);
        return false;
      }
      await deliver(batch[0]!.route, batch, now);
      return true;
    });
  }

  /** Delivers everything due now; concurrent calls share one run. */
  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        let result: boolean | typeof BUSY;
        do result = await step();
        while (result === true && !closed);
        // Another tab is delivering: look again once its lease could have run out.
        if (result === BUSY) wake(LEASE_MS);
      } while (again && !closed);
    })()
      .catch((error) => deps.error(`delivery failed: ${(error as Error)?.message ?? error}`))
      .finally(() => (running = undefined));
    return running;
  }

  return {
    flush,
    /** Stops timers; records stay for the next instance or page. */
    close() {
      closed = true;
      timers.clearTimeout(timer);
    },
  };
}

/** The flusher API. */
export type Flusher = ReturnType<typeof createFlusher>;
