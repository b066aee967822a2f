// The outbox's cost as it grows, in real Chromium IndexedDB: one submit() and
// one flush of a batch with 1 … 499 answers already waiting (the bound is 500).
// Both should be flat: add() checks the bound with a key count and a stored
// byte total, and a flush reads records in key order until its batch is full.
// Page: bench/pages/outbox.html. Timings run with the CPU slowed ×4 (CDP).
import { ms, PHONE, RATE, startServer } from './browser.mjs';

async function outbox(ctx, browser, server, sizes, reps) {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await ctx.cpuThrottle(page, 1);
    const rate = (r) => cdp.send('Emulation.setCPUThrottlingRate', { rate: r });
    await page.goto(`${server.url}/bench/pages/outbox.html`);
    await page.evaluate(() => {
      window.__count = 0;
      window.__i = 0;
      fill.on('delivered', ({ ids }) => (window.__count -= ids.length));
      /** Brings the "fill" survey's stored answers to n (offline: nothing is sent). */
      window.fillTo = async (n) => {
        while (window.__count < n) {
          await fill.submit({ score: window.__i++ % 11, consentVersion: '1' });
          window.__count++;
        }
        await fill.flush(); // offline: lets the flush each submit started finish
        const stored = (await fill.export()).answers.length;
        if (stored !== n) throw new Error(`outbox holds ${stored} answers, expected ${n}`);
      };
    });

    const rows = [];
    for (const size of sizes) {
      ctx.log(`outbox: filling to ${size}`);
      await rate(1);
      await page.evaluate((n) => window.fillTo(n), size);

      // Enqueue: one submit() into an outbox holding `size` answers, timed to its resolve
      // (the write has committed). The probe answer is then forgotten: the size stays.
      await rate(RATE);
      const enqueue = [];
      for (let i = 0; i <= reps; i++) {
        const t = await page.evaluate(async () => {
          const t0 = performance.now();
          await probe.submit({ score: 9, consentVersion: '1' });
          const took = performance.now() - t0;
          await probe.flush(); // offline: the flush submit started, finished before the next one
          await probe.forget();
          return took;
        });
        if (i > 0) enqueue.push(t); // the first is a warm-up
      }

      // Flush: online for one batch. flush() reads the due batch, POSTs it (204), deletes it,
      // then looks for the next one and finds the page offline again.
      const flush = [];
      const outside = [];
      const batches = [];
      for (let i = 0; i <= reps; i++) {
        await rate(1);
        await page.evaluate((n) => window.fillTo(n), size);
        await rate(RATE);
        const before = server.posts.length;
        const r = await page.evaluate(async () => {
          window.__posts.length = 0;
          window.__online = true;
          const t0 = performance.now();
          await fill.flush();
          const took = performance.now() - t0;
          window.__online = false;
          return { took, posts: window.__posts.map((p) => ({ ms: p.ms, status: p.status })) };
        });
        const got = server.posts.slice(before);
        if (r.posts.length !== 1 || r.posts[0].status !== 204 || got.length !== 1)
          throw new Error(`flush at ${size}: expected one POST answered 204, saw ${JSON.stringify(r.posts)}`);
        if (i > 0) {
          flush.push(r.took);
          outside.push(r.took - r.posts[0].ms);
          batches.push(got[0]);
        }
      }
      const { summary } = ctx.stats;
      rows.push({
        size,
        enqueue: summary(enqueue),
        flush: summary(flush),
        flushOutsideFetch: summary(outside),
        batch: ctx.stats.max(batches),
        raw: { enqueue, flush, outside },
      });
      ctx.log(
        `outbox ${size}: enqueue median ${ms(rows.at(-1).enqueue.median)}, flush median ${ms(rows.at(-1).flush.median)}`,
      );
    }
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    return rows;
  } finally {
    await context.close();
  }
}

export async function run(ctx) {
  const sizes = ctx.quick ? [1, 100, 499] : [1, 10, 50, 100, 250, 499];
  const reps = ctx.quick ? 5 : 20;
  const server = await startServer(ctx.root);
  const browser = await ctx.launch();
  const data = { rate: RATE };
  try {
    data.chromium = browser.version();
    data.outbox = await outbox(ctx, browser, server, sizes, reps);
  } finally {
    await browser.close();
    await server.close();
  }
  return {
    id: 'outbox',
    title: 'Candor in Chromium: the outbox as it grows',
    markdown: markdown(ctx, data),
    data,
    charts: [outboxChart(ctx, data.outbox)],
    caveats: [
      'The outbox bench uses headless `submit()`/`flush()` and a stand-in endpoint that answers 204 at once; real endpoints add their round trip to every flush.',
      "IndexedDB's own work runs in the browser process, which the CPU throttle does not slow.",
    ],
  };
}

function outboxChart(ctx, rows) {
  return {
    file: 'outbox.svg',
    svg: ctx.chart.lineChart({
      title: `Outbox cost as it grows (Chromium IndexedDB, CPU ×${RATE}, median)`,
      xLabel: 'answers already in the outbox',
      yLabel: 'ms (median)',
      unit: 'ms',
      xLog: true,
      digits: 1,
      series: [
        { name: 'submit(): enqueue one answer', points: rows.map((r) => [r.size, r.enqueue.median]) },
        { name: 'flush(): one batch (≤ 50), 204', points: rows.map((r) => [r.size, r.flush.median]) },
        {
          name: 'flush(): outside the POST',
          points: rows.map((r) => [r.size, r.flushOutsideFetch.median]),
        },
      ],
    }),
  };
}

function markdown(ctx, data) {
  const L = [];
  const rows = data.outbox;
  const first = rows[0];
  const last = rows.at(-1);
  const enqueueRatio = last.enqueue.median / first.enqueue.median;
  L.push(
    `Chromium ${data.chromium}.`,
    '',
    `Real IndexedDB in Chromium, driven through the headless \`submit({ score, consentVersion: '1' })\` of two script-tag instances on \`bench/pages/outbox.html\`.`,
    'The page reports itself offline (it overrides `navigator.onLine`) while the outbox is filled, so answers stay stored; filling runs unthrottled, timing at CPU ×' +
      data.rate +
      '.',
    `At each size, ${rows[0].raw.enqueue.length} timed repetitions after one warm-up:`,
    '',
    '- **enqueue**: one `submit()` into an outbox already holding that many answers, from the call to its promise resolving (the IndexedDB write has committed); the answer is then removed again with `forget()` (another survey), so the size stays put.',
    '- **flush one batch**: the page goes online, `flush()` is called, and the page goes offline again as soon as the first POST is answered (204), so one call delivers exactly one batch (the oldest ≤ 50 answers): lease, read the batch, POST, delete it, look for the next batch and stop. The outbox is refilled to the size before each repetition. "Outside the POST" subtracts the time `fetch` took.',
    '',
    '| answers in the outbox | enqueue: median | p95 | flush one batch: median | p95 | batch sent | flush outside the POST: median |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.size} | ${ms(r.enqueue.median)} | ${ms(r.enqueue.p95)} | ${ms(r.flush.median)} | ${ms(r.flush.p95)} | ${r.batch} | ${ms(r.flushOutsideFetch.median)} |`,
    ),
    '',
    '![Outbox cost as it grows](charts/outbox.svg)',
    '',
  );
  // A flush reads the outbox in pages of 51 records (src/outbox.ts `records()`): once for its batch,
  // once more after delivering it. From ~100 answers both reads are full pages, so compare there.
  const ref = rows.find((r) => r.size >= 150 && r !== last) ?? rows.find((r) => r.size >= 100 && r !== last);
  if (ref) {
    const ratio = last.flush.median / ref.flush.median;
    const slope = ((last.flush.median - ref.flush.median) / (last.size - ref.size)) * 100;
    const hundred = rows.find((r) => r.size === 100 && r !== ref);
    L.push(
      `**Flush touches only its batch:** one flush of a full batch of 50 took ` +
        (hundred ? `${ms(hundred.flush.median)} with 100 answers waiting, ` : '') +
        `${ms(ref.flush.median)} with ${ref.size} and ${ms(last.flush.median)} with ${last.size} ` +
        `(×${ratio.toFixed(2)} from ${ref.size} to ${last.size}; ${slope >= 0 ? '+' : '−'}${Math.abs(slope).toFixed(1)} ms per 100 answers). ` +
        (ratio < 1.5
          ? 'It does not grow with the outbox: the flusher reads the oldest records with a cursor, in key (age) order, in pages of 51 records (`records()` in `src/outbox.ts`), and stops once its batch is full. ' +
            'With fewer answers a flush costs less because its reads return fewer records; under 50 the batch itself is smaller.'
          : 'It **grows** with the outbox, which it should not: each flush reads more than its batch.'),
      '',
    );
  }
  L.push(
    `**Enqueue:** ${ms(first.enqueue.median)} into an outbox of ${first.size}, ${ms(last.enqueue.median)} into one of ${last.size} (×${enqueueRatio.toFixed(1)}). ` +
      (enqueueRatio >= 1.5
        ? `It **grows with the outbox size** (about ${ms(((last.enqueue.median - first.enqueue.median) / (last.size - first.size)) * 100, 1)} per 100 answers already waiting), which it should not: \`outbox.add()\` checks the bound with a key count and a stored byte total.`
        : 'Flat within noise: `outbox.add()` checks the 500-answer / 2 MB bound with `IDBObjectStore.count()` on the key range and a byte total kept in the store, written in the same transaction as each answer (`src/outbox.ts`); it reads no stored answer.'),
    '',
  );

  return L.join('\n');
}
