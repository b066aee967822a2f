import { createLog, type Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { HookJob, HookKind } from '../storage/hooks.js';
import type { Storage } from '../storage/types.js';
import type { WebhookConfig } from './config.js';
import { digestOf, periodDue, periodOf } from './digest.js';
import { postJson } from './post.js';
import { alertText, digestText } from './slack.js';

/** How often the queue is looked at: a new alert waits this long at most. */
export const WEBHOOK_EVERY_MS = 5000;
/** How long an instance holds a job it took: longer than one POST (10 s) and the digest's reads. */
export const LEASE_MS = 60_000;
/** Attempts before a message is given up (about three hours from the first to the last). */
export const MAX_ATTEMPTS = 10;
/** Messages sent per look at most; the rest wait for the next. */
const PER_TICK = 50;
/**
 * Alerts one instance sends per hour at most: anyone may post answers, so a flood of detractors must
 * not become a flood of messages. The others wait their turn (the digest too, behind older alerts).
 */
export const ALERTS_PER_HOUR = 60;
/** An alert not sent within this long of its answer is given up: news a day old is not an alert. */
export const ALERT_MAX_AGE_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A Slack message: its text, and no preview of a link a comment holds (a comment is anyone's words). */
const slack = (text: string) => ({ text, unfurl_links: false, unfurl_media: false });

/** The wait before attempt `attempts + 1`: 30 s, doubled after each failure, one hour at most. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** attempts, 3_600_000);

export interface WebhookOptions {
  now?: () => number;
  log?: Logger;
  metrics?: Metrics;
  /** The fewest answers a digest's figure may describe (CANDOR_MIN_GROUP). */
  minGroup: number;
  /** Between looks at the queue (default `WEBHOOK_EVERY_MS`). */
  everyMs?: number;
}

/** The webhook's sender: `tick` looks at the queue once (the timer calls it); `stop` ends it, a POST in flight aborted. */
export interface Webhooks {
  tick(): Promise<void>;
  /** Resolves once a look in progress has ended. */
  stop(): Promise<void>;
}

/**
 * Sends the digests and alerts (storage/hooks.ts) to the webhook, off the request path: a timer
 * (unref'd) enqueues the digest that is due, then takes due jobs one at a time and POSTs each. A job
 * taken is held by this instance only (`LEASE_MS`); sent, it is done; failed, it is due again after
 * `backoffMs`, up to `MAX_ATTEMPTS`. An alert's answer is read when it is sent: one withdrawn (or
 * deleted by retention) meanwhile is dropped unsent. Ingestion never waits for any of it.
 */
export function startWebhooks(storage: Storage, config: WebhookConfig, options: WebhookOptions): Webhooks {
  const { now = Date.now, log = createLog('silent'), metrics, minGroup } = options;
  const stopping = new AbortController();
  let enqueued: string | undefined;
  let running: Promise<void> | undefined;
  let pausedUntil = 0;
  /** When this instance sent its alerts of the last hour. */
  const alertsSent: number[] = [];

  /** Whether this instance sent `ALERTS_PER_HOUR` alerts in the last hour (then alerts wait; digests do not). */
  const capped = () => {
    while (alertsSent.length && alertsSent[0]! <= now() - HOUR_MS) alertsSent.shift();
    if (alertsSent.length < ALERTS_PER_HOUR) return false;
    log.warn(
      { alerts: alertsSent.length, resumeInMs: alertsSent[0]! + HOUR_MS - now() },
      'webhook alerts at their hourly cap: waiting',
    );
    return true;
  };

  /** The message of `job`, as the receiver gets it; undefined when there is nothing to send any more. */
  const messageOf = async (job: HookJob): Promise<unknown> => {
    const period = periodOf(job.key);
    if (period) {
      const digest = await digestOf(storage, period, minGroup);
      return config.format === 'slack' ? slack(digestText(digest)) : digest;
    }
    const answer = config.alerts && job.answerId ? await storage.hooks.answer(job.answerId) : undefined;
    if (!answer) return undefined;
    return config.format === 'slack' ? slack(alertText(answer)) : { type: 'candor.alert', ...answer, id: job.key };
  };

  const deliver = async (kind: HookKind, job: HookJob, heldUntil: number) => {
    if (kind === 'alert' && now() - job.queuedAt > ALERT_MAX_AGE_MS) {
      await storage.hooks.finish(job.key, now());
      metrics?.webhook(kind, 'dropped');
      log.warn(
        { kind, attempts: job.attempts, ageMs: now() - job.queuedAt },
        'webhook alert too old to send: given up',
      );
      return;
    }
    const message = await messageOf(job);
    if (message === undefined) {
      // Withdrawn or expired since it was queued, or alerts turned off: nothing of it is sent.
      await storage.hooks.finish(job.key, now());
      metrics?.webhook(kind, 'skipped');
      return;
    }
    const outcome = await postJson(config.url, message, stopping.signal);
    if (outcome.ok) {
      if (kind === 'alert') alertsSent.push(now());
      await storage.hooks.finish(job.key, now());
      metrics?.webhook(kind, 'sent');
      log.info({ kind, attempts: job.attempts + 1 }, 'webhook message sent');
      return;
    }
    // Closing: the job stays held until its lease ends, then this instance (restarted) or another sends it.
    if (stopping.signal.aborted) return;
    const { error, status } = outcome;
    if (!outcome.retry || job.attempts + 1 >= MAX_ATTEMPTS) {
      await storage.hooks.finish(job.key, now());
      metrics?.webhook(kind, 'dropped');
      log.error({ kind, status, err: error, attempts: job.attempts + 1 }, 'webhook message given up');
      return;
    }
    const wait = Math.max(backoffMs(job.attempts), outcome.retryAfterMs ?? 0);
    await storage.hooks.retry(job.key, now() + wait, heldUntil);
    metrics?.webhook(kind, 'retried');
    log.warn({ kind, status, err: error, attempts: job.attempts + 1, retryInMs: wait }, 'webhook message failed');
    // The receiver asked everyone to wait: the other jobs wait too.
    if (outcome.retryAfterMs) pausedUntil = now() + outcome.retryAfterMs;
  };

  const look = async () => {
    try {
      if (config.digest) {
        const { key } = periodDue(config.digest, now());
        // Every instance tries; the first to add the key sends it (storage/hooks.ts).
        if (key !== enqueued && (await storage.hooks.enqueue(key, now()), true)) enqueued = key;
      }
      for (let sent = 0; sent < PER_TICK && !stopping.signal.aborted && now() >= pausedUntil; sent++) {
        // Each instance takes the kinds it is set to send; a digest first, whatever alerts wait.
        const until = now() + LEASE_MS;
        const [digest] = config.digest ? await storage.hooks.lease('digest', now(), until, 1) : [];
        if (digest) {
          await deliver('digest', digest, until);
          continue;
        }
        if (!config.alerts || capped()) break;
        const [alert] = await storage.hooks.lease('alert', now(), until, 1);
        if (!alert) break;
        await deliver('alert', alert, until);
      }
    } catch (error) {
      // The database was away: the next look tries again; what was taken is free again when its lease ends.
      if (!stopping.signal.aborted) log.error({ err: (error as Error).message }, 'the webhook queue failed');
    }
  };

  const tick = () =>
    stopping.signal.aborted ? Promise.resolve() : (running ??= look().finally(() => (running = undefined)));
  const timer = setInterval(() => void tick(), options.everyMs ?? WEBHOOK_EVERY_MS);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}
