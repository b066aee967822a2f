import type { Config } from './config.js';
import type { Env } from './browserEnv.js';
import type { Outbox, OutboxRecord } from './outbox.js';
import { createFlusher } from './flusher.js';
import { fetchSend } from './transports/fetch.js';
import { customSend } from './transports/custom.js';
import { bridgeOutbox } from './bridgeOutbox.js';
import { announce } from './hub.js';
import { receiptKey } from './receipts.js';
import { isWithdrawal, WITHDRAW } from './withdrawals.js';
import { withdrawSender } from './withdrawSender.js';
import type { CustomTransport } from './configInput.js';
import { surveyOf, wireBatch } from './outboxRecord.js';

// What sends the outbox's records: the flusher and the transports it drives. Imported by delivery
// (src/delivery.ts) once there is something to send, so a bundler (and the script tag's parts) keeps
// it out of what a prompt needs before it is painted: storing an answer never waits for it.

/** What sending needs from its delivery. */
export interface SendingDeps {
  config: Config;
  /** This instance's route (src/delivery.ts `routeOf`). */
  route: string;
  env: Env;
  outbox: Outbox;
  /** Records that reached their route (answers, contacts and withdrawals). */
  delivered(records: OutboxRecord[]): void;
  /** Withdrawals the route confirmed. */
  withdrawn(records: OutboxRecord[]): void;
  error(message: string): void;
}

/** The flusher of one instance's outbox, sending to the bridge, its function transport or any endpoint URL. */
export function createSending({ config, route, env, outbox, delivered, withdrawn, error }: SendingDeps) {
  const { transport } = config;
  // Webview bridge: offers batches to the app, deletes what it acks.
  const bridge = transport === 'bridge' ? bridgeOutbox(env.timers, delivered, async () => outbox) : undefined;

  const withdraw = withdrawSender({
    other: (target, records) =>
      target === 'bridge'
        ? bridge!.withdraw(records)
        : target === route && typeof transport === 'function'
          ? customSend(() => (transport as CustomTransport).withdraw!(records.map((r) => r.id)), [], env.timers)
          : undefined,
    withdrawn,
    error,
    now: env.now,
  });

  /** Sends one batch of `r`: the bridge, this instance's function, or any endpoint URL. */
  const send = async (r: string, records: OutboxRecord[]) => {
    if (r.startsWith(WITHDRAW)) return withdraw(outbox, r.slice(WITHDRAW.length), records, env.timers);
    if (r === 'bridge') return bridge!.offer(outbox, records);
    const batch = wireBatch(records);
    return r === route && typeof transport === 'function'
      ? customSend(transport, batch.responses, env.timers)
      : fetchSend(r, JSON.stringify(batch), false, env.timers);
  };

  const flusher = createFlusher({
    outbox,
    canSend: (r) => {
      const target = r.startsWith(WITHDRAW) ? r.slice(WITHDRAW.length) : r;
      return target.startsWith('http') || target === route;
    },
    send,
    now: env.now,
    timers: env.timers,
    online: env.online,
    random: env.random,
    delivered,
    dropped: (r, reason) =>
      isWithdrawal(r)
        ? error(
            `answer ${r.id} could not be withdrawn: ${reason} before ${r.route.slice(WITHDRAW.length)} confirmed it`,
          )
        : (announce({ type: 'dropped', survey: surveyOf(r)!, ids: [r.id], reason }),
          // An answer given up on cannot be taken back: its receipt (score, comment, secret) goes too.
          void outbox.backend.del([receiptKey(r.id)]).catch(() => {})),
    error,
    debug: config.debug ? (message) => console.debug(`[Candor] ${message}`) : undefined,
  });

  return {
    flush: () => flusher.flush(),
    close() {
      bridge?.stop();
      flusher.close();
    },
  };
}

/** One instance's sending. */
export type Sending = ReturnType<typeof createSending>;
