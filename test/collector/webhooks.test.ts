// Digests and alerts POSTed to a webhook: a real collector on SQLite and PostgreSQL, a loopback
// receiver, the collector's clock moved by the test and its queue looked at with `tick()`.
import { afterEach, describe, expect, test } from 'vitest';
import { startCollector } from '../../demo/collector/start.js';
import { seedSample } from '../../demo/collector/sample.js';
import {
  ALERT_MAX_AGE_MS,
  ALERTS_PER_HOUR,
  backoffMs,
  LEASE_MS,
  MAX_ATTEMPTS,
} from '../../demo/collector/webhooks/dispatcher.js';
import { backends, postgres } from './backends.js';
import { eachLive } from './eachLive.js';
import { batch, response, withdrawable } from './fixtures.js';
import { TOKEN } from './live.js';
import { logLines } from './logLines.js';
import { receiver, type Answer } from './receiver.js';

const session = eachLive();
/** The receivers of this test, closed after it. */
const receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/** A loopback receiver (receiver.ts), closed after the test. */
async function newReceiver(answer?: Answer) {
  const hook = await receiver(answer);
  receivers.push(hook);
  return hook;
}

/** Monday 23 November 2026, 10:00 UTC: last week's digest is due. */
const MONDAY = Date.UTC(2026, 10, 23, 10);

/** A collector sending to a new receiver; `env` on top of json alerts and no digest. */
async function withReceiver(backend: (typeof backends)[number], env: Record<string, string> = {}, answer?: Answer) {
  const hook = await newReceiver(answer);
  const c = await session.start(
    backend,
    { CANDOR_WEBHOOK_URL: hook.url, CANDOR_ALERTS: 'detractors', CANDOR_DIGEST: 'off', ...env },
    // Never on its own: the test looks at the queue.
    { webhookEveryMs: 3_600_000 },
  );
  return { c, hook, tick: () => c.running.webhooks!.tick() };
}

/** `count` answers of `score` to `survey` on `day`, each with `comment` when given. */
const answers = (survey: string, day: string, score: number, count: number, comment?: string) =>
  Array.from({ length: count }, (_, i) =>
    response({ survey, score, at: `${day}T10:00:00Z`, ...(comment && { comment: `${comment} (${i})` }) }),
  );

describe.each(backends)('$name', (backend) => {
  describe.skipIf(backend.skip)('alerts', () => {
    test('one per detractor stored, its comment redacted, nothing of who sent it; a batch sent again alerts no more', async () => {
      const { c, hook, tick } = await withReceiver(backend);
      const detractor = response({ score: 3, comment: 'Write to jane.doe@example.com, the checkout broke' });
      const body = batch(detractor, response({ score: 7 }), response({ score: 10, comment: 'Great' }));
      const who = { 'user-agent': 'Mozilla/5.0 SecretAgent/1.0', 'x-forwarded-for': '198.51.100.23' };
      expect((await c.post(body, who)).status).toBe(200);
      expect((await c.post(body, who)).status).toBe(200);
      await tick();
      await tick();
      expect(hook.got).toHaveLength(1);
      const [alert] = hook.got;
      expect(alert!.body).toEqual({
        type: 'candor.alert',
        id: `alert:${detractor.id}`,
        survey: 'checkout',
        at: '2026-11-22T10:00:00Z',
        score: 3,
        category: 'detractor',
        comment: 'Write to [email], the checkout broke',
        locale: 'en',
        page: '/pricing',
      });
      expect(alert!.headers['user-agent']).toBe('candor-collector');
      for (const secret of ['SecretAgent', '198.51.100.23', 'jane.doe', 'desktop', 'consent'])
        expect(alert!.raw).not.toContain(secret);
      expect(await c.metric('candor_webhook_messages_total{kind="alert",outcome="sent"}')).toMatch(/ 1$/);
    });

    test('an answer withdrawn before its alert went out is not sent, though an attempt had failed', async () => {
      const { c, hook, tick } = await withReceiver(backend, {}, (n) => (n === 1 ? 503 : 200));
      const [answer, key] = withdrawable({ score: 1, comment: 'Never again' });
      await c.post(batch(answer));
      await tick();
      expect(hook.got).toHaveLength(1);
      expect((await c.withdraw(answer.id, key)).status).toBe(204);
      session.now += backoffMs(0);
      await tick();
      expect(hook.got).toHaveLength(1);
      // The withdrawal took the alert out of the queue in its own transaction: nothing is due later either.
      session.now += 86_400_000;
      await tick();
      expect(hook.got).toHaveLength(1);
    });

    test('an answer gone by the time its alert is sent (retention) is skipped: its alert is read then, not when queued', async () => {
      const { c, hook, tick } = await withReceiver(backend, {}, (n) => (n === 1 ? 503 : 200));
      await c.post(batch(response({ score: 1, comment: 'Never again' })));
      await tick();
      expect(hook.got).toHaveLength(1);
      expect(await c.running.storage.deleteOlderThan(new Date(session.now + 86_400_000))).toBe(1);
      session.now += backoffMs(0);
      await tick();
      expect(hook.got).toHaveLength(1);
      expect(await c.metric('candor_webhook_messages_total{kind="alert",outcome="skipped"}')).toMatch(/ 1$/);
    });

    test('retried with a growing wait until the receiver takes it; the same id each time', async () => {
      const { c, hook, tick } = await withReceiver(backend, {}, (n) => (n <= 2 ? 503 : 200));
      await c.post(batch(response({ score: 0 })));
      await tick();
      await tick();
      expect(hook.got).toHaveLength(1);
      session.now += backoffMs(0);
      await tick();
      expect(hook.got).toHaveLength(2);
      // The second wait is twice the first.
      session.now += backoffMs(0);
      await tick();
      expect(hook.got).toHaveLength(2);
      session.now += backoffMs(1) - backoffMs(0);
      await tick();
      expect(hook.got).toHaveLength(3);
      expect(new Set(hook.bodies().map((b) => b.id)).size).toBe(1);
      session.now += 86_400_000;
      await tick();
      expect(hook.got).toHaveLength(3);
      expect(await c.metric('candor_webhook_messages_total{kind="alert",outcome="retried"}')).toMatch(/ 2$/);
    });

    test(`given up after ${MAX_ATTEMPTS} failed attempts, or at once when the receiver refuses the message (400)`, async () => {
      const { c, hook, tick } = await withReceiver(backend, {}, (n) => (n <= MAX_ATTEMPTS ? 503 : 400));
      await c.post(batch(response({ score: 2 })));
      for (let i = 0; i < MAX_ATTEMPTS + 3; i++) {
        await tick();
        session.now += 3_600_000;
      }
      expect(hook.got).toHaveLength(MAX_ATTEMPTS);
      await c.post(batch(response({ score: 2, at: '2026-11-22T11:00:00Z' })));
      await tick();
      session.now += 3_600_000;
      await tick();
      expect(hook.got).toHaveLength(MAX_ATTEMPTS + 1);
      expect(await c.metric('candor_webhook_messages_total{kind="alert",outcome="dropped"}')).toMatch(/ 2$/);
    });

    test('never hold up ingestion: answers are stored while the receiver does not answer, and closing ends the wait', async () => {
      const { c, hook, tick } = await withReceiver(backend, {}, () => 'hang');
      await c.post(batch(response({ score: 4 })));
      const looking = tick();
      await expect.poll(() => hook.got.length).toBe(1);
      const more = answers('checkout', '2026-11-22', 5, 20);
      const res = await c.post(batch(...more));
      expect(await res.json()).toEqual({ stored: 20, duplicates: 0 });
      await c.close();
      await looking;
      // Closing aborted the POST: the receiver saw its sender go (else only its 10 s timeout would end it).
      await expect.poll(() => hook.dropped.count).toBe(1);
    });

    test(`at most ${ALERTS_PER_HOUR} an hour per instance: a flood of answers is not a flood of messages`, async () => {
      const { c, hook, tick } = await withReceiver(backend, { CANDOR_RATE_LIMIT: '0' });
      const flood = answers('checkout', '2026-11-22', 0, ALERTS_PER_HOUR + 1);
      await c.post(batch(...flood.slice(0, 50)));
      await c.post(batch(...flood.slice(50)));
      for (let i = 0; i < 4; i++) await tick();
      expect(hook.got).toHaveLength(ALERTS_PER_HOUR);
      session.now += 3_600_000;
      await tick();
      expect(hook.got).toHaveLength(ALERTS_PER_HOUR + 1);
      expect(new Set(hook.bodies().map((b) => b.id)).size).toBe(ALERTS_PER_HOUR + 1);
      // Below the cap again: the next one goes at once.
      await c.post(batch(response({ score: 1, at: '2026-11-22T11:00:00Z' })));
      session.now += 3_600_000;
      await tick();
      expect(hook.got).toHaveLength(ALERTS_PER_HOUR + 2);
    });

    test('an alert that could not be sent within a day is given up', async () => {
      const { c, hook, tick } = await withReceiver(backend, {}, () => 503);
      await c.post(batch(response({ score: 1 })));
      await tick();
      expect(hook.got).toHaveLength(1);
      session.now += ALERT_MAX_AGE_MS + 1;
      await tick();
      expect(hook.got).toHaveLength(1);
      expect(await c.metric('candor_webhook_messages_total{kind="alert",outcome="dropped"}')).toMatch(/ 1$/);
    });

    test('a 429 is heeded: nothing is sent before its Retry-After (120 s), though the backoff (30 s) has passed', async () => {
      const { c, hook, tick } = await withReceiver(backend, {}, (n) => (n === 1 ? 429 : 200));
      await c.post(batch(response({ score: 3 })));
      await tick();
      session.now += 60_000;
      await tick();
      expect(hook.got).toHaveLength(1);
      session.now += 61_000;
      await tick();
      expect(hook.got).toHaveLength(2);
    });

    test('a redirect is not followed (the body would go elsewhere): given up at once', async () => {
      const { c, hook, tick } = await withReceiver(backend, {}, () => 302);
      await c.post(batch(response({ score: 3 })));
      await tick();
      session.now += 3_600_000;
      await tick();
      expect(hook.got.map((r) => r.raw.split('\n')[0])).toEqual(['POST /services/T000/B000/secret-part']);
      expect(await c.metric('candor_webhook_messages_total{kind="alert",outcome="dropped"}')).toMatch(/ 1$/);
    });

    test('a message another instance took and never finished is sent once its lease has run out', async () => {
      const { c, hook, tick } = await withReceiver(backend);
      await c.post(batch(response({ score: 3 })));
      // As if an instance had taken it, then stopped.
      expect(await c.running.storage.hooks.lease('alert', session.now, session.now + LEASE_MS, 10)).toHaveLength(1);
      await tick();
      expect(hook.got).toHaveLength(0);
      session.now += LEASE_MS;
      await tick();
      expect(hook.got).toHaveLength(1);
    });

    test('the sample data (made up) queues no alert', async () => {
      const { c, hook, tick } = await withReceiver(backend);
      expect(await seedSample(c.running.storage, session.now)).toBeGreaterThan(1000);
      await tick();
      expect(hook.got).toHaveLength(0);
    });

    test('the log names the webhook by its host alone, also when sending fails', async () => {
      const hook = await newReceiver(() => 503);
      const { sink, lines } = logLines();
      const c = await session.start(
        backend,
        { CANDOR_WEBHOOK_URL: hook.url, CANDOR_ALERTS: 'detractors', CANDOR_DIGEST: 'weekly' },
        { webhookEveryMs: 3_600_000, logTo: sink },
      );
      await c.post(batch(response({ score: 1 })));
      await c.running.webhooks!.tick();
      expect(hook.got.length).toBeGreaterThan(0);
      expect(lines.join('\n')).toContain(`"host":"${new URL(hook.url).host}"`);
      expect(lines.join('\n')).toContain('webhook message failed');
      expect(lines.join('\n')).not.toContain('secret-part');
    });

    test("as Slack text: the score, the page and the comment quoted, with Slack's markup escaped", async () => {
      const { c, hook, tick } = await withReceiver(backend, { CANDOR_WEBHOOK_FORMAT: 'slack' });
      await c.post(batch(response({ score: 5, comment: '<!channel> fix <this> & that\nsecond line' })));
      await tick();
      expect(hook.bodies()).toEqual([
        {
          text:
            '*Detractor* on *checkout*: 5/10 · en · /pricing · 2026-11-22 10:00 UTC\n' +
            '> &lt;!channel&gt; fix &lt;this&gt; &amp; that\n> second line',
          // No preview of a link someone wrote.
          unfurl_links: false,
          unfurl_media: false,
        },
      ]);
    });
  });

  describe.skipIf(backend.skip)('digests', () => {
    /** Last week: 15 detractors on slow delivery, 15 promoters; 2 answers to "tiny"; 10 answers the week before. */
    const lastWeek = () =>
      batch(
        ...answers('checkout', '2026-11-17', 2, 15, 'the delivery was slow again, parcel arrived late'),
        ...answers('checkout', '2026-11-19', 10, 15, 'easy checkout and friendly support'),
        ...answers('checkout', '2026-11-10', 9, 10),
        ...answers('tiny', '2026-11-18', 0, 2, 'only two of us wrote here'),
      );

    test('weekly: last ISO week under the viewer rules (interval, change, themes without examples, small surveys hidden), sent once', async () => {
      const { c, hook, tick } = await withReceiver(backend, {
        CANDOR_DIGEST: 'weekly',
        CANDOR_ALERTS: 'off',
        CANDOR_MIN_GROUP: '3',
      });
      expect((await c.post(lastWeek())).status).toBe(200);
      await tick();
      // Sunday: last week's digest (9–15 November, its 10 answers) is due.
      expect(hook.bodies().map((b) => b.id)).toEqual(['digest:weekly:2026-11-09']);
      expect(hook.got[0]!.body.surveys).toMatchObject([{ survey: 'checkout', n: 10, nps: 100 }]);
      session.now = MONDAY;
      await tick();
      await tick();
      expect(hook.got).toHaveLength(2);
      const digest = hook.got[1]!.body;
      expect(digest).toMatchObject({
        type: 'candor.digest',
        id: 'digest:weekly:2026-11-16',
        digest: 'weekly',
        from: '2026-11-16',
        to: '2026-11-22',
        complete: true,
        minGroup: 3,
        more: 0,
      });
      const [checkout, tiny] = digest.surveys;
      expect(checkout).toMatchObject({ survey: 'checkout', n: 30, nps: 0, suppressed: false });
      expect(checkout.interval.low).toBeLessThan(0);
      expect(checkout.previous).toMatchObject({ from: '2026-11-09', to: '2026-11-15', n: 10, nps: 100 });
      expect(checkout.previous.change).toBe(-100);
      expect(checkout.previous.significant).toBe(true);
      expect(checkout.themes.detractor.map((t: { label: string }) => t.label).join(' ')).toMatch(/slow|deliver|late/);
      expect(tiny).toEqual(
        expect.objectContaining({ survey: 'tiny', n: 2, nps: null, interval: null, suppressed: true }),
      );
      const raw = hook.got[1]!.raw;
      for (const secret of ['examples', 'only two of us', 'parcel arrived late (', 'friendly support ('])
        expect(raw).not.toContain(secret);
    });

    test('a digest goes out while alerts wait at their hourly cap', async () => {
      const { c, hook, tick } = await withReceiver(backend, { CANDOR_DIGEST: 'weekly', CANDOR_RATE_LIMIT: '0' });
      // Monday 05:30 UTC: last week's digest is not due before 06:00, so the week before's is.
      session.now = MONDAY - 4.5 * 3_600_000;
      const flood = answers('checkout', '2026-11-23', 0, ALERTS_PER_HOUR + 1).map((r) => ({
        ...r,
        at: '2026-11-23T05:00:00Z',
      }));
      await c.post(batch(...flood.slice(0, 50)));
      await c.post(batch(...flood.slice(50)));
      for (let i = 0; i < 3; i++) await tick();
      const ids = () => hook.bodies().map((b) => b.id as string);
      expect(ids().filter((id) => id.startsWith('digest:'))).toEqual(['digest:weekly:2026-11-09']);
      expect(ids().filter((id) => id.startsWith('alert:'))).toHaveLength(ALERTS_PER_HOUR);
      // 06:10, within the hour of the alerts sent: they wait, the digest now due does not.
      session.now = MONDAY - 3 * 3_600_000 - 50 * 60_000;
      await tick();
      expect(ids().filter((id) => id.startsWith('digest:'))).toEqual([
        'digest:weekly:2026-11-09',
        'digest:weekly:2026-11-16',
      ]);
      expect(ids().filter((id) => id.startsWith('alert:'))).toHaveLength(ALERTS_PER_HOUR);
    });

    test('not sent again by the same database after a restart', async () => {
      const { c, hook, tick } = await withReceiver(backend, { CANDOR_DIGEST: 'weekly', CANDOR_ALERTS: 'off' });
      session.now = MONDAY;
      await tick();
      expect(hook.got).toHaveLength(1);
      await c.running.close();
      const again = await startCollector(
        {
          PORT: '0',
          HOST: '127.0.0.1',
          CANDOR_ADMIN_TOKEN: TOKEN,
          [backend === postgres ? 'DATABASE_URL' : 'CANDOR_DB']: c.where,
          CANDOR_WEBHOOK_URL: hook.url,
          CANDOR_LOG_LEVEL: 'silent',
        },
        { now: () => MONDAY + 3_600_000, webhookEveryMs: 3_600_000 },
      );
      try {
        await again.webhooks!.tick();
        expect(hook.got).toHaveLength(1);
      } finally {
        await again.close();
      }
    });

    test('daily, as Slack text: the week so far, each survey with its NPS ± margin and change', async () => {
      const { c, hook, tick } = await withReceiver(backend, {
        CANDOR_DIGEST: 'daily',
        CANDOR_ALERTS: 'off',
        CANDOR_WEBHOOK_FORMAT: 'slack',
        CANDOR_MIN_GROUP: '3',
      });
      await c.post(lastWeek());
      // Wednesday 18 November: the week of Tuesday 17th so far.
      session.now = Date.UTC(2026, 10, 18, 9);
      await tick();
      expect(hook.got).toHaveLength(1);
      const { text } = hook.got[0]!.body;
      expect(text.split('\n')[0]).toBe('*Candor daily digest*: the week of 2026-11-16 to 2026-11-22, so far');
      expect(text).toMatch(
        /^\*checkout\*: NPS 0 ± \d+ \(30 answers\)\. Down 100 points from \+100 the week before: beyond noise \(p [<=] [\d.]+\)\.$/m,
      );
      expect(text).toContain('*tiny*: 2 answers, fewer than 3: no figures.');
      expect(text).toMatch(/^ {4}Detractors: “[^”]+” \(\d+\)/m);
    });
  });
});

describe.skipIf(postgres.skip)('two instances on one PostgreSQL', () => {
  test('send each digest and each alert once', async () => {
    const hook = await newReceiver();
    const c = await session.start(
      postgres,
      { CANDOR_WEBHOOK_URL: hook.url, CANDOR_ALERTS: 'detractors', CANDOR_DIGEST: 'weekly' },
      { webhookEveryMs: 3_600_000 },
    );
    const other = await startCollector(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        CANDOR_ADMIN_TOKEN: TOKEN,
        DATABASE_URL: c.where,
        CANDOR_WEBHOOK_URL: hook.url,
        CANDOR_ALERTS: 'detractors',
        CANDOR_LOG_LEVEL: 'silent',
      },
      { now: () => session.now, webhookEveryMs: 3_600_000 },
    );
    try {
      const detractors = answers('checkout', '2026-11-22', 3, 12);
      await c.post(batch(...detractors));
      session.now = MONDAY;
      for (let i = 0; i < 3; i++) await Promise.all([c.running.webhooks!.tick(), other.webhooks!.tick()]);
      const ids = hook.bodies().map((b) => b.id);
      expect(ids.filter((id) => id.startsWith('digest:'))).toEqual(['digest:weekly:2026-11-16']);
      expect(ids.filter((id) => id.startsWith('alert:')).sort()).toEqual(detractors.map((r) => `alert:${r.id}`).sort());
    } finally {
      await other.close();
    }
  });
});
