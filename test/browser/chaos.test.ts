import { afterAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { prng, startCollector } from './collector.mjs';
import { chromiumMissing } from './chromium.js';
import {
  device,
  events,
  firstTab,
  pageErrors,
  profile,
  sleep,
  submit,
  tab,
  waiting,
  type Collector,
} from './device.js';

// 300 answers given in three tabs of one Chromium profile while the collector
// misbehaves at random (seeded: 500, 503 + Retry-After 1–2 s, 429, dropped
// connections — some after storing —, slow answers) and tabs are closed or
// crash at random (seeded) points and are opened again. At the end the
// collector must hold exactly the 300 ids that were submitted, nothing else.
//
// Time: Playwright's clock runs the pages' time 5× faster than real time
// (1 s jumps every 200 ms), then 25× once everything is submitted, so backoff,
// Retry-After and the 30 s lease of a tab that died mid-batch pass quickly.
// The collector's slow answers (0–2 s real) therefore sometimes outlast the
// pages' 15 s fetch timeout: the client gives up on a request the server
// stored, which is one more way to put a duplicate on the wire.

// This seed's first 25 server draws hold every kind of answer, and its tab schedule closes
// 4 tabs and crashes 4; another seed (CHAOS_SEED=…) must do as much, or the test says so.
const SEED = Number(process.env.CHAOS_SEED ?? 20_261_123);
const TOTAL = 300;
const BOUND_MS = 4 * 60_000;

describe.skipIf(chromiumMissing())('chaos: 300 answers, three tabs, a misbehaving collector', () => {
  let c: Collector | undefined;
  let context: BrowserContext | undefined;
  const dir = profile();

  afterAll(async () => {
    await context?.close().catch(() => {});
    await c?.close();
    dir.drop();
  });

  test(
    `exactly the ${TOTAL} submitted ids arrive, each once after dedupe (seed ${SEED})`,
    async () => {
      const started = Date.now();
      c = await startCollector({ seed: SEED, mode: 'chaos', maxChaosDelayMs: 2000 });
      const collector = c;
      context = await device(dir.dir, { clock: true });
      const ctx = context;
      const random = prng(SEED ^ 0x5bd1e995);
      const pick = (n: number) => Math.floor(random() * n);

      const seen: [string, unknown][] = []; // events of tabs that were closed (crashed ones can't tell)
      const slots: Page[] = [await firstTab(ctx, collector), await tab(ctx, collector), await tab(ctx, collector)];
      // One answer in each tab first: each tab has its storage open before time runs faster.
      const submitted: string[] = [];
      for (const page of slots) submitted.push(...(await submit(page, 1)));

      // Pages' time runs faster than real time; a page closing meanwhile is fine. The clock holds
      // still while a tab opens: a jump past IndexedDB's 3 s open timeout would make it fall back.
      let step = 1000;
      let ticking = true;
      let holding = false;
      let jump: Promise<unknown> = Promise.resolve();
      const ticker = (async () => {
        while (ticking) {
          await sleep(200);
          if (!holding) await (jump = ctx.clock.fastForward(step).catch(() => {}));
        }
      })();
      /** Opens a tab in place of a closed one, with its storage open (it has answers to deliver). */
      const reopen = async () => {
        holding = true;
        await jump;
        const page = await tab(ctx, collector);
        await waiting(page);
        holding = false;
        return page;
      };
      let closed = 0;
      let crashed = 0;
      let rounds = 0;

      while (submitted.length < TOTAL) {
        rounds++;
        // Each tab submits 0–4 answers; the three tabs at the same time.
        let left = TOTAL - submitted.length;
        const counts = slots.map(() => {
          const n = Math.min(pick(5), left);
          left -= n;
          return n;
        });
        const ids = await Promise.all(slots.map((page, i) => (counts[i] ? submit(page, counts[i]!) : [])));
        submitted.push(...ids.flat());

        // Now and then a tab goes away mid-flight and a new one opens.
        const x = random();
        const i = pick(slots.length);
        if (x < 0.1) {
          seen.push(...(await events(slots[i]!)));
          await slots[i]!.close(); // pagehide: keepalive for its own answers
          closed++;
          slots[i] = await reopen();
        } else if (x < 0.18) {
          const page = slots[i]!;
          const cdp = await ctx.newCDPSession(page);
          const gone = new Promise((resolve) => page.once('crash', resolve));
          void cdp.send('Page.crash').catch(() => {});
          await gone; // no pagehide, no unload
          await page.close();
          crashed++;
          slots[i] = await reopen();
        }
        await sleep(50 + pick(250));
      }
      const submittedAt = Date.now();

      // Everything is submitted: let time run faster until the collector holds every answer.
      step = 5000;
      const all = new Set(submitted);
      await collector
        .waitFor(
          () => [...all].every((id) => collector.stored.has(id)),
          BOUND_MS - (Date.now() - started),
          `${TOTAL} ids`,
        )
        .catch((error) => {
          console.log(`[chaos] missing ${[...all].filter((id) => !collector.stored.has(id)).length} of ${TOTAL}`);
          throw error;
        });
      const deliveredAt = Date.now();
      const requestsInChaos = collector.stats.requests;
      if (process.env.CHAOS_DEBUG)
        for (const e of collector.log)
          console.log(
            `[chaos] ${((e.at - started) / 1000).toFixed(1)} s #${e.n} ${e.keepalive ? 'ka ' : ''}${e.ids.length} ids ${e.action} → ${e.status}`,
          );
      // …and the tabs delete what they still hold once a due retry hears its 2xx (the chaos is over:
      // what is left are answers the server stored but whose acknowledgement no tab heard).
      collector.set('ok');
      for (const page of slots) await expect.poll(() => waiting(page), { timeout: 60_000, interval: 500 }).toEqual([]);
      ticking = false;
      await ticker;

      for (const page of slots) seen.push(...(await events(page)));
      const actions = new Map<string, number>();
      for (const e of collector.log) {
        const a = e.action.startsWith('slow') ? 'slow ok' : e.action;
        actions.set(a, (actions.get(a) ?? 0) + 1);
      }
      console.log(
        `[chaos] seed ${SEED}: ${TOTAL} answers in ${rounds} rounds, ${closed} tabs closed, ${crashed} crashed; ` +
          `submitted in ${((submittedAt - started) / 1000).toFixed(1)} s, all stored after ${((deliveredAt - started) / 1000).toFixed(1)} s; ` +
          `${requestsInChaos} requests (${collector.stats.requests} with the clean-up) carried ${collector.stats.idsReceived} ids: ` +
          `${collector.stats.duplicates} duplicates on the wire (${collector.log.filter((e) => e.keepalive).length} keepalive requests); ` +
          `server actions ${JSON.stringify(Object.fromEntries(actions))}`,
      );

      const errors = seen.filter(([e]) => e === 'error').map(([, d]) => (d as { message: string }).message);
      if (errors.length)
        console.log(`[chaos] error events: ${JSON.stringify([...new Set(errors)])} (${errors.length})`);
      // No tab fell back from IndexedDB (its answers would then be out of the other tabs' reach).
      expect(errors.filter((m) => m.includes('storage'))).toEqual([]);
      // The run was as chaotic as it claims.
      expect([...actions.keys()].sort()).toEqual(
        ['429', '503', 'drop', 'fail', 'ok', 'slow ok', 'store-then-drop'].sort(),
      );
      expect(closed).toBeGreaterThan(0);
      expect(crashed).toBeGreaterThan(0);
      expect(submitted).toHaveLength(TOTAL);
      expect(all.size).toBe(TOTAL);
      expect([...collector.stored.keys()].sort()).toEqual([...all].sort());
      expect(collector.stats.invalid).toBe(0);
      expect(collector.stats.idsReceived).toBe(TOTAL + collector.stats.duplicates);
      expect(seen.filter(([e]) => e === 'dropped')).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    BOUND_MS + 60_000,
  );
});
