import { MAX_WAIT_MS, type Outbox, type OutboxRecord } from './outbox.js';
import type { SendResult } from './transports/fetch.js';
import type { Timers } from './lib/timers.js';
import type { Clock } from './lib/clock.js';
import { backoff } from './lib/backoff.js';
import { retryAfter } from './lib/retryAfter.js';
import { isAcked } from './lib/isAcked.js';
import { answerOf } from './outboxRecord.js';
import { retryable } from './lib/retryable.js';
import { lead, BUSY, LEASE_MS, LeaseLost } from './lib/lead.js';
import { end, PAUSE } from './storage/keys.js';
import { settleDue, snapshotDue } from './dueHint.js';

/** While offline, or while another tab leads, look again this often (for expiry and lying onLine flags). */
export const IDLE_CHECK_MS = 600_000;

/** How long every try to an endpoint may fail at the network level, while online, before `error` says so. */
export const UNREACHABLE_MS = 5 * 60_000;
/** What `error` says then: the browser hides why (a CORS refusal looks like a network error). */
export const UNREACHABLE =
  "the endpoint could not be reached (network, TLS or CORS — check the collector's allowed origins)";

// Per page, whichever instance delivers: since when every try to each endpoint (and each endpoint's
// DELETEs, keyed "withdraw:<url>") failed without an HTTP status, how many tries, and those reported.
const unreachable = new Map<string, { since: number; tries: number }>();
const reported = new Set<string>();

/** What the flusher needs; every part is swappable in tests. */
export interface FlusherDeps {
  outbox: Outbox;
  /** Whether this instance can deliver a route (a URL, "bridge", "custom:<survey>"). */
  canSend(route: string): boolean;
  send(route: string, records: OutboxRecord[]): Promise<SendResult>;
  /** The clock; where it notes jumps (`createClock`), records written before a forward jump move with it. */
  now: Clock;
  timers: Timers;
  online(): boolean;
  random(): number;
  delivered(records: OutboxRecord[]): void;
  dropped(record: OutboxRecord, reason: string): void;
  error(message: string): void;
  /** Logs what `debug` shows (the first network failure of an endpoint). */
  debug?(message: string): void;
}

/**
 * Delivers the outbox: one batch at a time, one tab at a time, oldest first.
 * A record is deleted only after a 2xx (or 409 duplicate) for it; failures
 * back off with jitter, Retry-After pauses the route for every tab. A
 * retryable failure never drops a record: only its TTL does.
 */
export function createFlusher(deps: FlusherDeps) {
  const { outbox, timers } = deps;
  const backend = outbox.backend;
  // Routes that answered 401/403/404/415, redirected, or have no bridge: a configuration problem.
  // Kept, tried on the next start.
  const stopped = new Set<string>();
  const me = Math.random().toString(36).slice(2); // this flusher's name on the lease
  let running: Promise<void> | undefined;
  let again = false;
  let timer: unknown;
  let closed = false;
  let failures = 0; // flushes in a row that threw
  let jumpsSeen = 0;

  /** Looks again in `ms` (never longer than the longest legitimate wait, so no time can park delivery). */
  const wake = (ms: number) => {
    timers.clearTimeout(timer);
    if (!closed) timer = timers.setTimeout(() => void flush(), Math.min(MAX_WAIT_MS, Math.max(10, ms)));
  };

  const drop = async (records: OutboxRecord[], reason: string) => {
    await outbox.remove(records);
    records.forEach((r) => deps.dropped(r, reason));
  };

  /**
   * Notes how an endpoint answered. Every try failing without an HTTP status
   * (a network, TLS or CORS failure: the browser hides which) for
   * UNREACHABLE_MS and at least 3 tries, online all along, is said once per page.
   */
  const reach = (route: string, result: SendResult) => {
    const url = /^(?:withdraw:)?https?:/.test(route) ? route : undefined;
    // A refused request never left; a redirect or a timeout did reach something.
    if (!url || result.refused || result.fatal || result.message === 'timeout') return;
    if (result.status || !deps.online()) return void unreachable.delete(url);
    const now = deps.now();
    const seen = unreachable.get(url);
    if (!seen) {
      unreachable.set(url, { since: now, tries: 1 });
      deps.debug?.(`${UNREACHABLE}: ${url} (${result.message || 'network error'}); retrying with backoff`);
    } else if (++seen.tries >= 3 && now - seen.since >= UNREACHABLE_MS && !reported.has(url)) {
      reported.add(url);
      const what = url.startsWith('withdraw:') ? `DELETE to ${url.slice(9)}` : `try to ${url}`;
      deps.error(
        `${UNREACHABLE}: every ${what} failed for ${Math.round((now - seen.since) / 60_000)} minutes; kept and retried`,
      );
    }
  };

  const stop = (route: string, why: string, kept: number) => {
    stopped.add(route);
    deps.error(`${why}; ${kept} answer(s) are kept and sent again on the next page load`);
  };

  /** Sends `batch`; resolves true once every record of it was acknowledged or dropped (none waits). */
  async function deliver(route: string, batch: OutboxRecord[], renew: () => Promise<void>): Promise<boolean> {
    await renew(); // a split batch sends several times: the lease must outlast each send
    const result = await deps.send(route, batch);
    reach(route, result);
    const { status } = result;
    if (result.fatal) return (stop(route, result.fatal, batch.length), false);
    if (isAcked(status)) {
      await outbox.remove(batch);
      deps.delivered(batch);
      return true;
    }
    if (status === 413 || status === 400 || status === 422) {
      const bad = batch.find((r) => r.id === result.badId);
      if (bad) {
        await drop([bad], `rejected by the endpoint (${status}${result.message ? `: ${result.message}` : ''})`);
        const rest = batch.filter((r) => r !== bad);
        return rest.length ? deliver(route, rest, renew) : true;
      }
      if (batch.length === 1) {
        await drop(batch, status === 413 ? 'too large for the endpoint (413)' : `rejected by the endpoint (${status})`);
        return true;
      }
      // Split to isolate the bad or oversized record; the rest still goes, except a contact whose
      // answer is in a first half that must wait (the endpoint refuses a contact before its answer).
      const half = Math.ceil(batch.length / 2);
      const first = batch.slice(0, half);
      const settled = await deliver(route, first, renew);
      const waiting = new Set(settled ? [] : first.map((r) => r.id));
      const rest = batch.slice(half);
      const second = rest.filter((r) => !waiting.has(answerOf(r)!));
      const sent = second.length ? await deliver(route, second, renew) : true;
      return settled && sent && second.length === rest.length;
    }
    if (!retryable(status)) {
      stop(
        route,
        `the endpoint ${route} answered ${status}${result.message ? ` (${result.message})` : ''}: check the endpoint and the collector's allowed origins and surveys`,
        batch.length,
      );
      return false;
    }
    const counted = deps.online();
    // Back off from when the answer came (a timeout took 15 s), not from when the batch left.
    const now = deps.now();
    const pause = retryAfter(result.retryAfter, now);
    if (pause) await backend.set(PAUSE + route, now + pause);
    for (const r of batch) {
      if (counted) r.attempts++;
      r.lastError = status ? `HTTP ${status}` : result.message || 'network error';
      r.nextAt = Math.ceil(now + Math.max(pause ?? 0, backoff(r.attempts, deps.random, now - r.createdAt)));
    }
    await outbox.save(batch);
    return false;
  }

  /** Routes paused by a Retry-After; pauses in the past, or further away than an hour (a wrong clock), are deleted. */
  async function pauses(now: number) {
    const all = await backend.range(PAUSE, end(PAUSE));
    const valid = all.filter(
      ([, until]) => Number.isFinite(until) && (until as number) > now && (until as number) - now <= MAX_WAIT_MS,
    );
    const stale = all.filter((entry) => !valid.includes(entry)).map(([key]) => key);
    if (stale.length) await backend.del(stale);
    return new Map(valid.map(([key, until]) => [key.slice(PAUSE.length), until as number]));
  }

  /** One batch under the lock and the lease. False when nothing more is due. */
  async function step(): Promise<boolean | typeof BUSY> {
    return lead(backend, deps.now, me, async (renew) => {
      const now = deps.now();
      // The wall clock jumped forward during this page: what was stored under the old time moves with it.
      const jumps = deps.now.jumps ?? [];
      for (; jumpsSeen < jumps.length; jumpsSeen++) {
        const jump = jumps[jumpsSeen]!;
        if (jump.by > 0) await outbox.rebase(jump.from, jump.by, now);
      }
      const paused = await pauses(now);
      const { batch, expired, next } = await outbox.scan(
        now,
        (route) => deps.canSend(route) && !stopped.has(route) && !paused.has(route),
      );
      await drop(expired, 'expired');
      const soonest = Math.min(next, ...paused.values());
      if (soonest < Infinity) wake(soonest - now);
      if (!batch.length) return false;
      if (!deps.online()) {
        unreachable.clear(); // an offline spell is not the endpoint's fault: count from the next try online
        wake(IDLE_CHECK_MS);
        return false;
      }
      await deliver(batch[0]!.route, batch, renew);
      return true;
    }).catch((error) => {
      if (error instanceof LeaseLost) return BUSY;
      throw error;
    });
  }

  /** Delivers everything due now; concurrent calls share one run. A run that fails re-arms itself. */
  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      // The due hint as this run found it: once the whole store has been looked at, it says when to look again.
      const hint = snapshotDue();
      const startedAt = Date.now();
      let result: boolean | typeof BUSY;
      do {
        again = false;
        do result = await step();
        while (result === true && !closed);
        // Another tab is delivering: look again once its lease could have run out.
        if (result === BUSY) wake(LEASE_MS);
        else if (!again) await settleDue(backend, hint, startedAt);
        // A flush asked for meanwhile (while the hint was settled, too) runs in this one.
      } while (again && !closed);
      failures = 0;
    })()
      .catch((error) => {
        // Storage threw or hung mid-step: nothing was deleted that was not delivered; try again later.
        deps.error(`delivery failed: ${(error as Error)?.message ?? error}`);
        wake(backoff(++failures, deps.random));
      })
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
