import { vi } from 'vitest';
import type { NpsResponse } from '../../src/response.js';
import type { Backend } from '../../src/storage/backend.js';
import { memoryBackend } from '../../src/storage/memory.js';
import { createOutbox, type OutboxRecord } from '../../src/outbox.js';
import { createFlusher } from '../../src/flusher.js';
import { realTimers } from '../../src/lib/timers.js';
import type { SendResult } from '../../src/transports/fetch.js';
import type { Env } from '../../src/delivery.js';
import { createBudget } from '../../src/unload.js';

export const ENDPOINT = 'https://collect.acme.test/v1/responses';
export const DAY = 86_400_000;
export const TTL = 7 * DAY;

let n = 0;
/** A valid response with a fresh v4-shaped id. */
export function response(extra: Partial<NpsResponse> = {}): NpsResponse {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    survey: 'home',
    score: 9,
    category: 'promoter',
    locale: 'en',
    page: '/pricing',
    device: 'desktop',
    at: '2026-11-22T22:00:00Z',
    consentVersion: '1',
    sdk: '0.1.0',
    ...extra,
  };
}

/** A seeded PRNG (mulberry32), so jitter is the same on every run. */
export function seeded(seed = 42): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One call the fake endpoint received. */
export interface Call {
  at: number;
  route: string;
  ids: string[];
}

/**
 * An outbox and a flusher on a memory (or given) backend with a scriptable
 * endpoint. Use with vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }).
 */
export function rig(
  answer: (records: OutboxRecord[], call: number) => SendResult | Promise<SendResult>,
  backend: Backend = memoryBackend(),
  now: () => number = () => Date.now(),
  outbox = createOutbox(backend),
) {
  const calls: Call[] = [];
  const delivered: string[] = [];
  const dropped: [string, string][] = [];
  const errors: string[] = [];
  const state = { online: true };
  const flusher = createFlusher({
    outbox,
    canSend: (route) => route.startsWith('http'),
    send: async (route, records) => {
      calls.push({ at: Date.now(), route, ids: records.map((r) => r.id) });
      return answer(records, calls.length);
    },
    now,
    timers: realTimers,
    online: () => state.online,
    random: seeded(),
    delivered: (records) => delivered.push(...records.map((r) => r.id)),
    dropped: (r, reason) => dropped.push([r.id, reason]),
    error: (message) => errors.push(message),
  });
  const add = async (count = 1, extra: Partial<NpsResponse> = {}, clock = now) => {
    const out: OutboxRecord[] = [];
    for (let i = 0; i < count; i++) {
      out.push(await outbox.add(ENDPOINT, response(extra), clock(), TTL));
      await vi.advanceTimersByTimeAsync(1); // distinct creation times, as real answers have
    }
    return out;
  };
  return { outbox, flusher, calls, delivered, dropped, errors, state, add, backend };
}

/**
 * Delivery's world for an instance under test: a memory backend (its own
 * outbox), the real timers (vitest may fake them), jitter fixed at 0.5,
 * online. `mayHoldRecords` says whether storage counts as holding records
 * from an earlier page (true: the instance opens it and flushes at start).
 */
export function memoryEnv(backend: Backend = memoryBackend(), mayHoldRecords = false): Env {
  return {
    now: () => Date.now(),
    timers: realTimers,
    random: () => 0.5,
    online: () => true,
    lost: new Set(),
    budget: createBudget(),
    open: async () => backend,
    mayHoldRecords: async () => mayHoldRecords,
  };
}
