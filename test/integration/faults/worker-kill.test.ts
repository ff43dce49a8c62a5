// Workers killed with kill -9 in the middle of a batch, twice under the same jobs: the gateway
// and two worker processes run as operators run them (built code in dist/, which the `pretest`
// script builds), on this file's database and queue prefix.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { config } from '../../../config/config';
import { WORKER_STALL_SETTINGS } from '../../../services/queue/worker-settings';
import { MailCatcher } from '../../support/mail-catcher';
import { freePort } from '../../support/ports';
import { startServiceProcess, type ServiceProcess } from '../../support/service-processes';
import { ServiceClient, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const REQUESTS = 300;
// Jobs each worker process holds at once: what one kill -9 takes down with it.
const CONCURRENCY = 20;
// A dead worker's jobs are back in the queue within lockDuration + stalledInterval.
const RECOVERY_MS = WORKER_STALL_SETTINGS.lockDuration + WORKER_STALL_SETTINGS.stalledInterval;

let mail: MailCatcher;
let gateway: ServiceProcess;
const running = new Set<ServiceProcess>();
let client: ServiceClient;
let citizen: Citizen;
let redis: Redis;
let queue: Queue;
let db: Client;
let env: Record<string, string>;

function startWorker(): ServiceProcess {
  const worker = startServiceProcess('dist/workers/worker.main.js', env);
  running.add(worker);
  return worker;
}

async function workerReady(worker: ServiceProcess): Promise<void> {
  await waitUntil(() => worker.output().includes('workers started'), 'a worker to start', 20_000, 50);
}

async function kill9(worker: ServiceProcess): Promise<void> {
  await worker.kill9();
  running.delete(worker);
}

const activeJobs = async () => (await queue.getJobCounts('active')).active;

async function statusCounts(): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: number }> = await db.query(`SELECT status, count(*)::int AS n FROM status_checks WHERE user_id = $1 GROUP BY status`, [citizen.id]).then((r) => r.rows);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

beforeAll(async () => {
  mail = await new MailCatcher().start();
  const port = await freePort();
  env = {
    PORT: String(port),
    SMTP_URL: mail.url,
    WORKER_CONCURRENCY: String(CONCURRENCY),
    RATE_LIMIT_STATUS_CHECKS: '100000',
    OUTBOX_RELAY_INTERVAL_MS: '500',
  };
  gateway = startServiceProcess('dist/services/gateway/gateway.main.js', env);
  const workers = [startWorker(), startWorker()];
  await waitUntil(() => gateway.output().includes('gateway listening'), 'the gateway to listen', 20_000, 50);
  await Promise.all(workers.map(workerReady));
  client = new ServiceClient(`http://127.0.0.1:${port}`, mail);
  citizen = await client.citizen();
  redis = new Redis(config().redisUrl, { maxRetriesPerRequest: null });
  queue = new Queue('status-check', { connection: redis, prefix: config().queuePrefix });
  db = new Client({ connectionString: config().databaseUrl });
  await db.connect();
}, 60_000);
afterAll(async () => {
  await Promise.all([...running].map((w) => w.kill9()));
  await gateway?.kill9();
  await queue?.close();
  redis?.disconnect();
  await db?.end();
  await mail?.stop();
});

describe('workers killed with kill -9 mid-batch, twice in a row', () => {
  test('when 300 status checks are in flight and the workers holding them are killed twice, then after the restarts every accepted request has exactly one answer, soon', async () => {
    const [first, second] = [...running];
    // The answers wait behind this lock, so that the kills find the jobs running, not yet done.
    await db.query('BEGIN');
    await db.query('LOCK TABLE messages IN SHARE MODE');

    const accepted = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => client.api('POST', '/api/v1/status-checks', { token: citizen.token, body: { caseNumber: `KL.6840.${i + 1}.2026` } })),
    );
    expect(accepted.map((r) => r.status)).toEqual(Array(REQUESTS).fill(202));
    await waitUntil(async () => (await activeJobs()) === 2 * CONCURRENCY, 'both workers to hold a full batch', 20_000, 100);

    // Kill -9 one worker: its batch stalls. The other worker's stalled check puts it back to
    // wait, first in line, and a restarted worker takes exactly those jobs.
    await kill9(first);
    await waitUntil(async () => (await activeJobs()) === CONCURRENCY, 'the dead worker jobs back in the queue', RECOVERY_MS + 10_000, 200);
    const restarted = startWorker();
    await workerReady(restarted);
    await waitUntil(async () => (await activeJobs()) === 2 * CONCURRENCY, 'the restarted worker to take them', 20_000, 100);

    // Kill -9 again: the restarted worker (those jobs die a second time), then the other one.
    await kill9(restarted);
    await kill9(second);
    const last = [startWorker(), startWorker()];
    await Promise.all(last.map(workerReady));
    const restartedAt = Date.now();
    await db.query('COMMIT');

    await waitUntil(async () => (await statusCounts()).delivered === REQUESTS, 'every request answered', RECOVERY_MS + 20_000, 250);
    const recoveredMs = Date.now() - restartedAt;
    expect(await statusCounts()).toEqual({ delivered: REQUESTS });
    // Exactly one answer per request: one case_status message each, none twice.
    const { rows } = await db.query(
      `SELECT count(*)::int AS messages, count(DISTINCT data->>'requestId')::int AS requests FROM messages WHERE user_id = $1 AND kind = 'case_status'`,
      [citizen.id],
    );
    expect(rows[0]).toEqual({ messages: REQUESTS, requests: REQUESTS });
    // The drill did what it says: some jobs stalled twice (BullMQ's default would have failed them).
    const stalls = await Promise.all(accepted.map((r) => redis.hget(`${config().queuePrefix}:status-check:${r.body.id}`, 'stc')));
    const twice = stalls.filter((n) => Number(n ?? 0) >= 2).length;
    expect(twice).toBeGreaterThanOrEqual(CONCURRENCY);
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    expect(recoveredMs).toBeLessThan(RECOVERY_MS + 15_000);
    process.stdout.write(`worker kill drill: ${REQUESTS} accepted, ${REQUESTS} answered once, ${twice} jobs stalled twice, all answered ${recoveredMs} ms after the last restart\n`);
  }, 120_000);
});
