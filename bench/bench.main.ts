import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { BenchDatabase, seedBench } from './bench-database';
import { freePort, startNode, type Child } from './bench-processes';
import { pacedLoad, percentile } from './paced-load';
import { AnswerTimes } from './answer-times';
import { benchSummaryMarkdown } from './bench-report';
import { e2eRate, kneeOf, nextKneeRate, type KneeStep } from './knee-search';
import { latencyChartSvg, type SecondLatency } from './latency-chart';

/**
 * `npm run bench`: measures the status-check path on this machine, with its ceilings measured in
 * the same run, and writes bench/results/latest.json (keys as the contract's "Benchmark" table).
 * Everything runs on loopback, bounded in time, in a throwaway database and queue prefix.
 * Beside the JSON: latest.md (a summary with the ratios) and latest.svg (the latency chart).
 */
const { values: args } = parseArgs({
  options: {
    // Default: a tenth of express_hello_rps of this run, rounded to 10 (the contract).
    rate: { type: 'string' },
    seconds: { type: 'string', default: '8' },
    'e2e-seconds': { type: 'string', default: '10' },
    'warmup-seconds': { type: 'string', default: '3' },
    connections: { type: 'string', default: '64' },
    citizens: { type: 'string', default: '2000' },
    cases: { type: 'string', default: '60000' },
    'knee-seconds': { type: 'string', default: '10' },
  },
});
const GIVEN_RATE = args.rate === undefined ? undefined : Number(args.rate);
const KNEE_SECONDS = Number(args['knee-seconds']);
/** The knee's limit (contract: p99 under 250 ms). */
const KNEE_P99_LIMIT_MS = 250;
const SECONDS = Number(args.seconds);
const E2E_SECONDS = Number(args['e2e-seconds']);
const WARMUP_SECONDS = Number(args['warmup-seconds']);
const CONNECTIONS = Number(args.connections);
const CITIZENS = Number(args.citizens);
const CASES = Number(args.cases);

const startedAt = Date.now();
const log = (line: string) => process.stdout.write(`[bench ${String(Math.round((Date.now() - startedAt) / 1000)).padStart(4)} s] ${line}\n`);

async function main(): Promise<void> {
  // Taken before anything starts: the machine is shared, so the run says how busy it was.
  const machine = { cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.cpus().length, node: process.version, loadAverageAtStart: os.loadavg().map((l) => round(l, 2)) };
  log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`);
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = new BenchDatabase(baseUrl);
  const secret = randomBytes(32).toString('hex');
  // The children and this process share one configuration: set before config is first read.
  // Production (as deployed: no development fallbacks), so every variable it requires is given.
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
    MAIL_FROM: 'Benchmark <bench@urzad.example>',
    PUBLIC_URL: 'http://localhost:3000',
    QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}`,
    JWT_SECRET: secret,
    ACCESS_KEY_PEPPER: randomBytes(32).toString('hex'),
    RECEIPT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    // info: the children announce readiness ('gateway listening', 'workers started') on stdout.
    LOG_LEVEL: 'info',
    RATE_LIMIT_STATUS_CHECKS: '1000000000',
  };
  Object.assign(process.env, env);
  const { config } = await import('../config/config');
  const { migrate } = await import('../services/cli/migrate');
  const { officeYear } = await import('../services/cases/case-number');
  const jwt = (await import('jsonwebtoken')).default;

  await db.create();
  const children: Child[] = [];
  const client = await db.connect();
  try {
    await migrate(config().databaseUrl);
    const year = officeYear(new Date());
    const { userIds } = await seedBench(client, CITIZENS, CASES, year);
    const tokens = userIds.map((sub) =>
      // The claims the service issues: a session of its own and the account's token version 0.
      jwt.sign({ role: 'citizen', sid: randomUUID(), auth_time: Math.floor(Date.now() / 1000), ver: 0 }, config().jwt.secret, {
        algorithm: config().jwt.algorithm, subject: sub, issuer: config().jwt.issuer, audience: config().jwt.audience,
        // A UUID, as the service issues them (the revocation check may ask PostgreSQL, whose column is a uuid).
        expiresIn: 3600, jwtid: randomUUID(),
      }),
    );
    log(`seeded ${CITIZENS} citizens and ${CASES} linked cases`);
    // Request i asks for case (i mod CASES) as its owner: every request is new (no 10 s dedupe).
    const request = (i: number) => {
      const seq = (i % CASES) + 1;
      return { path: '/api/v1/status-checks', token: tokens[(seq - 1) % CITIZENS], body: { caseNumber: `BEN.1.${seq}.${year}` } };
    };
    const start = (file: string, extra: Record<string, string> = {}) => {
      const child = startNode(file, { ...env, ...extra });
      children.push(child);
      return child;
    };

    // 1. Ceiling: bare Express.
    const helloPort = await freePort();
    log(`1/6 ceiling: Express hello-world, ${CONNECTIONS} connections, ${SECONDS} s`);
    const hello = start('dist/bench/hello.server.js', { PORT: String(helloPort) });
    await hello.waitFor(/ready/);
    const helloRun = await autocannon({ url: `http://127.0.0.1:${helloPort}/`, connections: CONNECTIONS, duration: SECONDS });
    const expressHelloRps = helloRun['2xx'] / SECONDS;
    await hello.stop();
    log(`express_hello_rps ${expressHelloRps.toFixed(0)}`);
    const RATE = e2eRate(expressHelloRps, GIVEN_RATE);

    // 2. Intake: the gateway alone accepts status checks into a growing queue.
    log(`2/6 intake: POST /api/v1/status-checks, ${CONNECTIONS} connections, ${SECONDS} s`);
    const gatewayPort = await freePort();
    let gateway = start('dist/services/gateway/gateway.main.js', { PORT: String(gatewayPort) });
    await gateway.waitFor(/gateway listening/);
    let counter = 0;
    const ids: string[] = [];
    const intakeRun = await autocannon({
      url: `http://127.0.0.1:${gatewayPort}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/status-checks',
          setupRequest: (req) => {
            const r = request(counter++);
            return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` }, body: JSON.stringify(r.body) };
          },
          onResponse: (status, body) => {
            if (status === 202) ids.push(JSON.parse(body).id);
          },
        },
      ],
    });
    const intakeRps = intakeRun['2xx'] / SECONDS;
    await gateway.stop();
    const byStatus = Object.entries(intakeRun.statusCodeStats ?? {}).map(([code, s]) => `${code}: ${s.count}`).join(', ');
    log(`intake_rps ${intakeRps.toFixed(0)} (${intakeRun['2xx']} accepted, ${intakeRun.non2xx} refused, ${intakeRun.errors} errors; by status ${byStatus})`);

    // 3. One worker process drains the full queue.
    log(`3/6 one worker drains the ${ids.length} queued status checks`);
    let worker = start('dist/workers/worker.main.js', { WORKER_QUEUES: 'status-check' });
    await waitForDelivered(client, ids.length, 180_000);
    const drain = await client.query<{ n: string; seconds: number }>(
      `SELECT count(*) AS n, extract(epoch FROM max(delivered_at) - min(delivered_at)) AS seconds FROM status_checks WHERE status = 'delivered'`,
    );
    const workerJobsPerS = Number(drain.rows[0].n) / Number(drain.rows[0].seconds);
    await worker.stop();
    log(`worker_jobs_per_s ${workerJobsPerS.toFixed(0)}`);

    // 4. Ceiling: the same queue settings with a worker that does nothing.
    log(`4/6 ceiling: a no-op worker drains ${ids.length} jobs`);
    const noopJobsPerS = await noopCeiling(env.QUEUE_PREFIX, ids.length, start);
    log(`noop_jobs_per_s ${noopJobsPerS.toFixed(0)}`);

    // 5. End to end at a steady rate: gateway and a worker process, requests evenly paced.
    log(`5/6 end to end at ${RATE} req/s${GIVEN_RATE === undefined ? ' (a tenth of hello)' : ' (--rate)'}: ${WARMUP_SECONDS} s warm-up, ${E2E_SECONDS} s measured`);
    gateway = start('dist/services/gateway/gateway.main.js', { PORT: String(gatewayPort) });
    worker = start('dist/workers/worker.main.js', { WORKER_QUEUES: 'status-check' });
    await Promise.all([gateway.waitFor(/gateway listening/), worker.waitFor(/workers started/).catch(() => undefined)]);
    // Every answer's time, read from the jobs while the load runs (see AnswerTimes).
    const { createRedis, redisKeyspace } = await import('../services/shared/redis');
    const timesRedis = createRedis(config().redis, 'consumer', 'bench-answer-times');
    const answers = new AnswerTimes(timesRedis, `${redisKeyspace(config().redis, env.QUEUE_PREFIX).queues}:status-check:`);
    answers.start();
    const sentAt = new Map<string, number>();
    const track = (id: string, at: number) => {
      answers.track(id, at);
      if (!sentAt.has(id)) sentAt.set(id, at);
    };
    // Warm-up at the same rate, not measured (its requests still count for lost/duplicates):
    // freshly started processes spend their first seconds compiling and opening connections.
    const warmUp = await pacedLoad(gatewayPort, RATE, WARMUP_SECONDS, (i) => request(counter + i));
    counter += warmUp.sent;
    ids.push(...warmUp.ids);
    const e2eStartMs = Date.now();
    const paced = await pacedLoad(gatewayPort, RATE, E2E_SECONDS, (i) => request(counter + i), track);
    // Every phase asks new questions: a repeat within 10 s would be deduplicated (same id).
    counter += paced.sent;
    ids.push(...paced.ids);
    const latencies = await answers.of(paced.ids, 120_000);
    if (latencies.length < new Set(paced.ids).size) throw new Error(`only ${latencies.length} of ${new Set(paced.ids).size} e2e requests answered within 120 s`);
    log(`e2e at ${RATE}/s: ${paced.accepted} accepted, ${paced.errors} errors, p50 ${percentile(latencies, 50).toFixed(1)} ms`);
    // Latency second by second (by the second each request was sent): a backlog that grows
    // shows as a rising line, a hiccup as a spike.
    const bySecond = latencyBySecond(paced.ids, sentAt, e2eStartMs, (id) => answers.latencyOf(id));
    log(`e2e by second: ${bySecond.map((r) => `${r.second}s n=${r.n} p50=${r.p50} p99=${r.p99}`).join('; ')}`);

    // 6. The knee: evenly paced steps on the same processes, each held KNEE_SECONDS.
    log(`6/6 knee search from ${RATE} req/s: ${KNEE_SECONDS} s steps, coarse ×1.4 until bracketed, then ≤ 10 % steps (at most 12 steps)`);
    const kneeSteps: KneeStep[] = [];
    for (let rate = nextKneeRate(kneeSteps, RATE); rate !== null; rate = nextKneeRate(kneeSteps, RATE)) {
      const step = await kneeStep(client, answers, gatewayPort, rate, (i) => request(counter + i));
      counter += step.sent;
      ids.push(...step.ids);
      kneeSteps.push(step.result);
      log(`knee step ${kneeSteps.length}: ${rate} req/s, p99 ${step.result.p99Ms} ms, ${step.result.answered} of ${step.result.sent} answered: ${step.result.held ? 'held' : 'not held'}`);
    }
    const kneeRps = kneeOf(kneeSteps);
    log(`knee_rps ${kneeRps}`);
    answers.stop();
    timesRedis.disconnect();

    // Exactly one answer per accepted request, over every phase (an id twice would be a dedupe hit).
    if (new Set(ids).size !== ids.length) log(`note: ${ids.length - new Set(ids).size} accepted ids came back twice (deduplicated repeats)`);
    await waitForDelivered(client, new Set(ids).size, 120_000);
    const { lost, duplicates } = await countLostAndDuplicates(client, ids);

    const results = {
      measuredAt: new Date().toISOString(),
      intake_rps: round(intakeRps),
      e2e_rate: RATE,
      e2e_p50_ms: round(percentile(latencies, 50), 2),
      e2e_p95_ms: round(percentile(latencies, 95), 2),
      e2e_p99_ms: round(percentile(latencies, 99), 2),
      knee_rps: kneeRps,
      worker_jobs_per_s: round(workerJobsPerS),
      noop_jobs_per_s: round(noopJobsPerS),
      express_hello_rps: round(expressHelloRps),
      lost,
      duplicates,
      notes: {
        machine,
        load: 'loadAverageAtStart is os.loadavg() (1, 5, 15 min) when the bench started: the machine is shared, other engineers run tests on it meanwhile',
        durationSeconds: Math.round((Date.now() - startedAt) / 1000),
        e2eRateSource: GIVEN_RATE === undefined ? 'a tenth of express_hello_rps of this run, rounded to 10' : '--rate',
        connections: CONNECTIONS,
        seconds: SECONDS,
        e2eSeconds: E2E_SECONDS,
        e2eWarmUpSeconds: WARMUP_SECONDS,
        e2eSent: paced.sent,
        e2eErrors: paced.errors,
        requests: ids.length,
        workerConcurrency: config().worker.concurrency,
        intakeVsHello: round(intakeRps / expressHelloRps, 2),
        workerVsNoop: round(workerJobsPerS / noopJobsPerS, 2),
        kneeVsHello: round(kneeRps / expressHelloRps, 2),
        e2eBySecond: bySecond,
        kneeSteps,
        kneeRule: `each step holds its rate ${KNEE_SECONDS} s, evenly paced; held when every request was accepted and answered and p99 < ${KNEE_P99_LIMIT_MS} ms; the queue drains between steps`,
        e2eLatency:
          "from the bench sending the request (Date.now() before the request is written) to the status-check job's finishedOn, which its worker stamps after the answer's commit: arrival to committed message, an upper bound; one machine, one clock",
        rateLimits: 'RATE_LIMIT_STATUS_CHECKS raised to 1e9: the limiter still runs (one Redis call per request) but refuses nothing, so intake measures accepted requests',
      },
    };
    const file = path.join(__dirname, '..', '..', 'bench', 'results', 'latest.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(file.replace(/\.json$/, '.md'), benchSummaryMarkdown(results));
    writeFileSync(file.replace(/\.json$/, '.svg'), latencyChartSvg({ e2eRate: RATE, bySecond, knee: kneeSteps, kneeRps, limitMs: KNEE_P99_LIMIT_MS }));
    process.stdout.write(`${JSON.stringify({ ...results, notes: undefined }, null, 2)}\n`);
    log(`written ${path.relative(process.cwd(), file)} and latest.md, latest.svg beside it`);
    if (lost > 0 || duplicates > 0) process.exitCode = 1;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await client.end();
    await cleanRedis(env.QUEUE_PREFIX);
    await db.drop();
  }
}

/**
 * One knee step: `rate` requests a second for KNEE_SECONDS, then up to 5 s for the last answers.
 * Held when all were accepted and answered and p99 < 250 ms; a failed step's backlog is drained
 * before the next step, so that each step starts from an empty queue.
 */
async function kneeStep(
  client: import('pg').Client,
  answers: AnswerTimes,
  port: number,
  rate: number,
  request: (i: number) => { path: string; token: string; body: unknown },
): Promise<{ sent: number; ids: string[]; result: KneeStep }> {
  const load = await pacedLoad(port, rate, KNEE_SECONDS, request, (id, at) => answers.track(id, at));
  const latencies = await answers.of(load.ids, 5000);
  const answered = latencies.length;
  // Unanswered requests count as slower than any answered one.
  const p99 = answered < load.sent ? Infinity : percentile(latencies, 99);
  const held = load.errors === 0 && answered === load.sent && p99 < KNEE_P99_LIMIT_MS;
  if (!held) await waitForAnswered(client, load.ids, 120_000);
  return { sent: load.sent, ids: load.ids, result: { rate, held, p99Ms: round(Number.isFinite(p99) ? p99 : (latencies.at(-1) ?? 0), 1), sent: load.sent, answered } };
}

/** p50, p99 and max of the requests sent in each second since `startMs`. */
function latencyBySecond(ids: readonly string[], sentAt: Map<string, number>, startMs: number, latencyOf: (id: string) => number | undefined): SecondLatency[] {
  const seconds = new Map<number, number[]>();
  for (const id of new Set(ids)) {
    const latency = latencyOf(id);
    const at = sentAt.get(id);
    if (latency === undefined || at === undefined) continue;
    const second = Math.floor((at - startMs) / 1000);
    seconds.set(second, [...(seconds.get(second) ?? []), latency]);
  }
  return [...seconds.entries()]
    .sort(([a], [b]) => a - b)
    .map(([second, values]) => {
      values.sort((a, b) => a - b);
      return { second, n: values.length, p50: round(percentile(values, 50), 1), p99: round(percentile(values, 99), 1), max: round(values.at(-1)!, 1) };
    });
}

async function waitForAnswered(client: import('pg').Client, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM status_checks WHERE id = ANY($1::uuid[]) AND status <> 'queued'`, [ids]);
    if (Number(rows[0].n) >= ids.length) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForDelivered(client: import('pg').Client, expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM status_checks WHERE status <> 'queued'`);
    if (Number(rows[0].n) >= expected) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0].n} of ${expected} status checks answered after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function noopCeiling(prefix: string, count: number, start: (file: string, extra?: Record<string, string>) => Child): Promise<number> {
  const { Queue } = await import('bullmq');
  const { createRedis } = await import('../services/shared/redis');
  const { config } = await import('../config/config');
  const { DEFAULT_JOB_OPTIONS } = await import('../services/queue/jobs');
  const connection = createRedis(config().redis, 'consumer', 'bench-fill');
  const queue = new Queue('bench-noop', { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  for (let i = 0; i < count; i += 1000) {
    const n = Math.min(1000, count - i);
    await queue.addBulk(Array.from({ length: n }, (_, k) => ({ name: 'noop', data: { statusCheckId: String(i + k) } })));
  }
  const noop = start('dist/bench/noop-worker.js', { BENCH_NOOP_JOBS: String(count) });
  const line = await noop.waitFor(/"count"/, 120_000);
  const { first, last } = JSON.parse(line) as { first: number; last: number };
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return count / ((last - first) / 1000);
}

async function countLostAndDuplicates(client: import('pg').Client, ids: string[]): Promise<{ lost: number; duplicates: number }> {
  const { rows } = await client.query<{ lost: string; duplicates: string }>(
    `WITH accepted AS (SELECT unnest($1::uuid[]) AS id),
          answers AS (SELECT (data->>'requestId')::uuid AS id, count(*) AS n FROM messages WHERE kind = 'case_status' GROUP BY 1)
     SELECT count(*) FILTER (WHERE a.n IS NULL) AS lost, COALESCE(sum(a.n - 1) FILTER (WHERE a.n > 1), 0) AS duplicates
       FROM accepted x LEFT JOIN answers a ON a.id = x.id`,
    [ids],
  );
  return { lost: Number(rows[0].lost), duplicates: Number(rows[0].duplicates) };
}

async function cleanRedis(prefix: string): Promise<void> {
  const { createRedis } = await import('../services/shared/redis');
  const { config } = await import('../config/config');
  const redis = createRedis(config().redis, 'consumer', 'bench-clean');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
