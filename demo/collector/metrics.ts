import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TombstoneKind } from './storage/types.js';

/** Why a POST of answers was refused, by its status: the `reason` label of `candor_rejected_total`. */
export const REJECTED_REASONS: Readonly<Record<number, string>> = {
  400: 'invalid',
  403: 'not_allowed',
  405: 'method',
  408: 'timeout',
  413: 'too_large',
  415: 'content_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Why a contact was deleted: the `reason` label of `candor_contacts_deleted_total`. */
export type ContactDeletion = 'replied' | 'withdrawn' | 'expired';

/**
 * The collector's Prometheus metrics, in a registry of its own (several
 * collectors in one process, as in tests, never mix): answers stored and
 * duplicates, contacts stored and deleted, deleted records received again
 * (by kind), refusals by reason, requests over a rate limit, request latency
 * by route pattern and status, and Node's own process metrics.
 * Labels are route patterns and statuses only — never a survey id, an
 * address or a path a client chose — so their number stays small.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'candor_' });
  const stored = new Counter({
    name: 'candor_answers_stored_total',
    help: 'Answers stored (new ids).',
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'candor_answers_duplicate_total',
    help: 'Answers received again (an id already stored): acknowledged, not stored twice.',
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'candor_rejected_total',
    help: 'POSTs of answers refused, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'candor_rate_limited_total',
    help: 'Requests refused with 429 (a client over its limit, the global quota, a daily cap, wrong tokens).',
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'candor_http_request_duration_seconds',
    help: 'Time to answer a request, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const withdrawn = new Counter({
    name: 'candor_answers_withdrawn_total',
    help: 'Answers deleted by the device that gave them (DELETE with the right secret).',
    registers: [registry],
  });
  const contactsStored = new Counter({
    name: 'candor_contacts_stored_total',
    help: 'Contacts (e-mail addresses left for a reply) stored: new ones only.',
    registers: [registry],
  });
  const contactsDeleted = new Counter({
    name: 'candor_contacts_deleted_total',
    help: 'Contacts deleted, by reason: the team replied, the answer was withdrawn, or the contact expired.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const deletedResent = new Counter({
    name: 'candor_deleted_resent_total',
    help:
      'Answers and contacts received again after they were deleted (an answer withdrawn, a contact replied to): ' +
      'acknowledged, not stored again (answers are in candor_answers_duplicate_total too).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const webhook = new Counter({
    name: 'candor_webhook_messages_total',
    help:
      'Webhook messages (digests, alerts) by outcome: sent; retried (an attempt failed, another is due); ' +
      'dropped (given up); skipped (an alert whose answer was withdrawn or expired before it was sent).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  for (const kind of ['digest', 'alert'])
    for (const outcome of ['sent', 'retried', 'dropped', 'skipped']) webhook.inc({ kind, outcome }, 0);
  // Every reason and kind shows from the start, at 0, so a dashboard's rate() has a series to read.
  for (const reason of ['replied', 'withdrawn', 'expired'] satisfies ContactDeletion[])
    contactsDeleted.inc({ reason }, 0);
  for (const kind of ['answer', 'contact'] satisfies TombstoneKind[]) deletedResent.inc({ kind }, 0);
  return {
    registry,
    /** After a webhook message was sent, retried, given up or skipped. */
    webhook(kind: 'digest' | 'alert', outcome: 'sent' | 'retried' | 'dropped' | 'skipped') {
      webhook.inc({ kind, outcome });
    },
    /** After an answer was withdrawn. */
    withdrawn() {
      withdrawn.inc();
    },
    /** After a batch's contacts were stored: how many were new. */
    contactsStored(n: number) {
      contactsStored.inc(n);
    },
    /** After `n` contacts were deleted. */
    contactsDeleted(reason: ContactDeletion, n = 1) {
      if (n > 0) contactsDeleted.inc({ reason }, n);
    },
    /** After a batch is stored. */
    answers(counts: { stored: number; duplicates: number }) {
      stored.inc(counts.stored);
      duplicates.inc(counts.duplicates);
    },
    /** After a batch is stored: the records a tombstone kept out. */
    resent(counts: { answers: number; contacts: number }) {
      deletedResent.inc({ kind: 'answer' }, counts.answers);
      deletedResent.inc({ kind: 'contact' }, counts.contacts);
    },
    /** After every request. */
    request(method: string, route: string, status: number, seconds: number, isPost: boolean) {
      latency.observe({ method, route, status: String(status) }, seconds);
      if (status === 429) rateLimited.inc();
      const reason = REJECTED_REASONS[status];
      if (isPost && reason) rejected.inc({ reason });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
