// Collector throughput: the compiled reference collector (demo/collector/dist/demo/collector)
// in a child process, a load generator in this one, on loopback; SQLite, then
// PostgreSQL when it is installed. Then the summary query time over 1,000,000
// rows (bench/lib/summary.mjs, the logic of `node bench/summary.mjs`).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorModule, fill, sqliteSummaryBench, timeSummaries } from '../lib/summary.mjs';
import { findPostgres, startPostgres } from '../lib/postgres.mjs';

const CHILD = fileURLToPath(new URL('../lib/collector-child.mjs', import.meta.url));
const BATCHES = [1, 50];
const CONNECTIONS = [1, 16];

// ---------------------------------------------------------------- the collector process

/** The admin token of the bench's collectors (reads always need one). */
const BENCH_TOKEN = 'bench-admin-token-0123456789abcdef0123';

/** Starts the collector in a child process with `env`; resolves once it listens. */
async function startChild(root, env) {
  const child = fork(CHILD, [root], {
    // Empty values count as unset for the collector: nothing from this shell leaks in.
    env: {
      ...process.env,
      DATABASE_URL: '',
      CANDOR_DB: '',
      CANDOR_ORIGINS: '',
      CANDOR_SURVEYS: '',
      CANDOR_ADMIN_TOKEN: BENCH_TOKEN,
      CANDOR_TRUST_PROXY: '',
      CANDOR_RETENTION_DAYS: '',
      HOST: '127.0.0.1',
      PORT: '0',
      CANDOR_RATE_LIMIT: '0',
      // The global quota (6000 a minute by default) would cap the measured throughput.
      CANDOR_GLOBAL_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (key) =>
    new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (m && key in m) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(m);
        } else if (m?.error) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          reject(new Error(`the collector did not start: ${m.error}`));
        }
      };
      const onExit = (code) => reject(new Error(`the collector exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { ready: url } = await next('ready');
  return {
    url,
    pid: child.pid,
    usage: () => (child.send('cpu'), next('cpu')),
    close: async () => {
      child.send('close');
      await next('closed').catch(() => {});
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    },
  };
}

// ---------------------------------------------------------------- the load generator

/** A valid wire batch of `size` fresh answers (ids are new UUIDs: none is a duplicate). */
function makeBody(survey, size, at, n) {
  const records = [];
  for (let i = 0; i < size; i++) {
    const score = (n + i) % 11;
    records.push(
      `{"id":"${randomUUID()}","survey":"${survey}","score":${score},"category":"${score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'}",` +
        ((n + i) % 5 === 0 ? '"comment":"A realistic comment about the product, of a realistic length.",' : '') +
        `"locale":"en","page":"/pricing","device":"${(n + i) % 2 ? 'mobile' : 'desktop'}","at":"${at}","consentVersion":"1","sdk":"0.1.0"}`,
    );
  }
  return `{"v":1,"responses":[${records.join(',')}]}`;
}

/** One POST on a keep-alive agent: resolves with the status and body. */
function post(agent, url, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * `connections` workers, each posting one batch after another on its own
 * keep-alive connection, for `durationMs`.
 */
async function load({ url, survey, batch, connections, durationMs }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const endpoint = `${url}/v1/responses`;
  const at = new Date().toISOString().slice(0, 13) + ':00:00Z';
  const latencies = [];
  const errors = {};
  let stored = 0;
  let duplicates = 0;
  let n = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const body = makeBody(survey, batch, at, n++);
      const t = performance.now();
      try {
        const { status, text } = await post(agent, endpoint, body);
        latencies.push(performance.now() - t);
        if (status === 200) {
          const result = JSON.parse(text);
          stored += result.stored;
          duplicates += result.duplicates;
        } else errors[`HTTP ${status}`] = (errors[`HTTP ${status}`] ?? 0) + 1;
      } catch (error) {
        latencies.push(performance.now() - t);
        errors[error.code ?? error.message] = (errors[error.code ?? error.message] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return {
    seconds,
    requests: latencies.length,
    stored,
    duplicates,
    errors,
    latencies,
    at,
    generatorCpu: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}

/** The collector's own count of a survey's answers on `day` (its summary endpoint, as the dashboard reads it). */
async function countStored(url, survey, day) {
  const res = await fetch(`${url}/v1/surveys/${survey}/summary?from=${day}&to=${day}`, {
    headers: { authorization: `Bearer ${BENCH_TOKEN}` },
  });
  if (!res.ok) throw new Error(`summary: HTTP ${res.status}`);
  return (await res.json()).responses;
}

/**
 * Every batch size × connection count, each against a fresh collector process
 * on a fresh, empty database (`envFor` gives its environment), so no run
 * inherits the table or the caches of the one before.
 */
async function throughput(ctx, label, root, envFor) {
  const durationMs = ctx.quick ? 3_000 : 10_000;
  const rows = [];
  for (const batch of BATCHES)
    for (const connections of CONNECTIONS) {
      const survey = `load-b${batch}-c${connections}`;
      const collector = await startChild(root, await envFor(survey));
      try {
        // Warm-up (not counted): the JIT, the database's first pages, the connection pool.
        await load({ url: collector.url, survey: 'warmup', batch, connections, durationMs: ctx.quick ? 500 : 2_000 });
        const before = await collector.usage();
        const r = await load({ url: collector.url, survey, batch, connections, durationMs });
        const after = await collector.usage();
        const counted = await countStored(collector.url, survey, r.at.slice(0, 10));
        const childCpu = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6 / r.seconds;
        const { latencies, ...rest } = r;
        const row = {
          database: label,
          batch,
          connections,
          ...rest,
          requestsPerSecond: r.requests / r.seconds,
          storedPerSecond: r.stored / r.seconds,
          counted,
          latency: {
            p50: ctx.stats.median(latencies),
            p95: ctx.stats.p95(latencies),
            p99: [...latencies].sort((a, b) => a - b)[Math.max(0, Math.ceil(latencies.length * 0.99) - 1)],
            max: Math.max(...latencies),
          },
          collectorCpu: childCpu,
          collectorRssMiB: after.rss / 1024 ** 2,
        };
        rows.push(row);
        ctx.log(
          `collector: ${label} batch ${batch} × ${connections} connections: ${Math.round(row.requestsPerSecond)} req/s, ${Math.round(row.storedPerSecond)} answers/s, p95 ${row.latency.p95.toFixed(1)} ms, errors ${JSON.stringify(r.errors)}`,
        );
      } finally {
        await collector.close();
      }
    }
  return rows;
}

// ---------------------------------------------------------------- summary over many rows

async function postgresSummary(ctx, url, rows, runs) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('CREATE DATABASE summary_bench');
  await admin.end();
  const dbUrl = url.replace(/\/postgres$/, '/summary_bench');
  const { openPostgres, POSTGRES_SUMMARY_SQL } = await collectorModule(ctx.root, 'storage/postgres.js');
  const storage = await openPostgres(dbUrl);
  try {
    ctx.log(`collector: filling ${rows.toLocaleString('en')} rows into PostgreSQL`);
    const today = new Date().toISOString().slice(0, 10);
    const fillSeconds = await fill(storage, rows, today);
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await client.query('VACUUM ANALYZE responses'); // what autovacuum does soon after a bulk load
    const { instantsOf } = await collectorModule(ctx.root, 'dates.js');
    const plans = {};
    for (const days of [365, 30]) {
      const from = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
      const { rows } = await client.query(`EXPLAIN ${POSTGRES_SUMMARY_SQL}`, ['bench', ...instantsOf(from, today)]);
      plans[days] = rows.map((r) => r['QUERY PLAN']);
    }
    await client.end();
    // The plan's nodes only (no costs, filters or JIT details), e.g. "Parallel Seq Scan on responses".
    const nodes = (lines) =>
      lines
        .filter((l) => /^\s*(->\s*)?[A-Z][A-Za-z ]+(on \w+|using \w+ on \w+)?\s+\(cost/.test(l))
        .map((l) => l.replace(/^\s*(->\s*)?/, '').replace(/\s+\(cost.*$/, ''));
    const plan = [`whole year: ${nodes(plans[365]).join(' ← ')}`, `30 days: ${nodes(plans[30]).join(' ← ')}`];
    const results = await timeSummaries(storage, { runs, today });
    return { database: 'PostgreSQL', rows, runs, fillSeconds, plan, plans, results };
  } finally {
    await storage.close();
  }
}

// ---------------------------------------------------------------- the part

/** @param {any} ctx */
export async function run(ctx) {
  const root = ctx.root;
  const loadBefore = loadavg()[0];
  await collectorModule(root, 'start.js'); // a clear error when the collector is not built
  const summaryRows = ctx.quick ? 100_000 : 1_000_000;
  const summaryRuns = 7;
  const data = {
    batches: BATCHES,
    connections: CONNECTIONS,
    durationSeconds: ctx.quick ? 3 : 10,
    throughput: [],
    summary: [],
  };

  // ---- SQLite
  {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(':memory:');
    data.sqlite = { version: db.prepare('SELECT sqlite_version() AS v').get().v };
    db.close();
  }
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-collector-'));
  try {
    data.throughput.push(
      ...(await throughput(ctx, 'SQLite', root, (name) => ({ CANDOR_DB: join(dir, `${name}.db`) }))),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // ---- PostgreSQL, when installed
  const bin = findPostgres();
  if (!bin)
    data.postgres = {
      skipped:
        'PostgreSQL is not installed here (no /usr/lib/postgresql/*/bin/postgres); `apt-get install -y postgresql` to include it.',
    };
  else {
    let server;
    try {
      server = await startPostgres(bin);
      data.postgres = { version: server.version, bin };
      const { default: pg } = await import('pg');
      const envFor = async (name) => {
        const admin = new pg.Client({ connectionString: server.url });
        await admin.connect();
        await admin.query(`CREATE DATABASE "${name}"`);
        await admin.end();
        return { DATABASE_URL: server.url.replace(/\/postgres$/, `/${name}`) };
      };
      data.throughput.push(...(await throughput(ctx, 'PostgreSQL', root, envFor)));
      data.summary.push(await postgresSummary(ctx, server.url, summaryRows, summaryRuns));
    } catch (error) {
      data.postgres = { ...data.postgres, failed: error.message };
      ctx.log(`collector: PostgreSQL failed: ${error.message}`);
    } finally {
      await server?.stop();
    }
  }

  // ---- the summary query over many rows, SQLite (the logic of `node bench/summary.mjs`)
  data.summary.unshift(await sqliteSummaryBench({ root, rows: summaryRows, runs: summaryRuns, log: ctx.log }));
  for (const s of data.summary) delete s.file;
  data.loadAverage = { before: loadBefore, after: loadavg()[0] };

  return report(ctx, data);
}

function report(ctx, data) {
  const int = (v) => Math.round(v).toLocaleString('en');
  const ms = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
  const errorText = (e) =>
    Object.keys(e).length
      ? Object.entries(e)
          .map(([k, n]) => `${k} ×${n}`)
          .join(', ')
      : '0';
  const lines = [
    `The reference collector (\`demo/collector/dist/demo/collector\`, \`startCollector\`) in a child process, on 127.0.0.1 with the rate limits off (\`CANDOR_RATE_LIMIT=0\`, \`CANDOR_GLOBAL_RATE_LIMIT=0\`); the load generator in the parent process: \`node:http\` with keep-alive, each connection posting one batch after another (the wire format as \`text/plain\`, every record valid and with a new id, one in five with a comment) for ${data.durationSeconds} s, after a warm-up that is not counted. ` +
      '**Answers/s** counts the answers the collector said it stored (`stored` in its 200 replies), checked against its own summary endpoint afterwards. Latency is per request, as the generator saw it. CPU is the share of one core each process used during the run (this machine has two).',
    '',
    '| database | batch | connections | requests/s | answers stored/s | p50 ms | p95 ms | p99 ms | errors | collector CPU | generator CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...data.throughput.map(
      (r) =>
        `| ${r.database} | ${r.batch} | ${r.connections} | ${int(r.requestsPerSecond)} | **${int(r.storedPerSecond)}** | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${errorText(r.errors)} | ${Math.round(r.collectorCpu * 100)} % | ${Math.round(r.generatorCpu * 100)} % |`,
    ),
    '',
  ];
  const mismatched = data.throughput.filter((r) => r.counted !== r.stored || r.duplicates);
  lines.push(
    mismatched.length
      ? `**Check failed**: ${mismatched.map((r) => `${r.database} batch ${r.batch} × ${r.connections}: replies said ${r.stored} stored (${r.duplicates} duplicates), the summary counts ${r.counted}`).join('; ')}.`
      : `Check: for every run, the collector's summary counts exactly the answers its replies said were stored (${int(data.throughput.reduce((a, r) => a + r.stored, 0))} in all), with no duplicates and no errors.`,
    '',
    `Durability as in production: SQLite ${data.sqlite.version} (better-sqlite3) in WAL mode with its default \`synchronous\` (each commit synced); PostgreSQL ${data.postgres?.version ?? ''} with its defaults (\`fsync\`, \`synchronous_commit\` on), a throwaway server started as \`test/collector/postgres.ts\` does, the collector's pool of 10 connections. A batch is one transaction (one statement in PostgreSQL), so batches of 50 amortise the commit.`,
    '',
    "Reading it: the collector is one Node process. With SQLite (better-sqlite3 is synchronous) the parsing, validation and the database writes all run on its one thread, so its CPU column is the ceiling; with PostgreSQL the writes run in the database server's own processes (which can use the other core), and the collector only parses, validates and waits. The widget sends a batch of up to 50 answers per request, so the batch-50 rows are the realistic ones for a backlog being flushed, and the batch-1 rows for answers sent as they are given.",
  );
  lines.push(
    '',
    `The machine's 1-minute load average was ${data.loadAverage.before.toFixed(1)} when this part started and ${data.loadAverage.after.toFixed(1)} when it ended (its own processes count in the second; ${cpus().length} cores): other work on the machine takes CPU from both processes, and throughput moves with it from run to run.`,
  );
  if (data.postgres?.skipped) lines.push('', `**PostgreSQL not measured**: ${data.postgres.skipped}`);
  if (data.postgres?.failed) lines.push('', `**PostgreSQL failed**: ${data.postgres.failed}`);

  lines.push(
    '',
    '### Summary query over many rows',
    '',
    `\`storage.summary\` (what \`GET /v1/surveys/:survey/summary\` runs) over ${data.summary[0] ? int(data.summary[0].rows) : '—'} answers of one survey spread over 365 days (seeded, as \`node bench/summary.mjs\` fills them, 10,000 rows an insert): the median of ${data.summary[0]?.runs ?? 7} timed calls after one warm-up.`,
    '',
    '| database | rows | fill time | whole year (answers) | median ms | default 30 days (answers) | median ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...data.summary.map((s) => {
      const [year, month] = s.results;
      return `| ${s.database} | ${int(s.rows)} | ${s.fillSeconds.toFixed(1)} s | ${int(year.responses)} | **${ms(year.medianMs)}** | ${int(month.responses)} | **${ms(month.medianMs)}** |`;
    }),
    '',
    ...data.summary.map((s) => `${s.database} plan: \`${s.plan.join(' · ')}\``),
  );

  const charts = [];
  try {
    const label = (r) => `${r.database}, batch ${r.batch}, ${r.connections} conn.`;
    charts.push({
      file: 'collector-throughput.svg',
      svg: ctx.chart.barChart({
        title: 'Collector: answers stored per second (larger is better)',
        unit: '/s',
        digits: 0,
        bars: data.throughput.map((r) => ({ label: label(r), value: Math.round(r.storedPerSecond) })),
      }),
    });
    lines.push('', '![Collector throughput](collector-throughput.svg)');
  } catch (error) {
    ctx.log(`collector: chart skipped (${error.message})`);
  }
  return {
    id: 'collector',
    title: 'Collector throughput and summary time',
    markdown: lines.join('\n'),
    data,
    charts,
  };
}
