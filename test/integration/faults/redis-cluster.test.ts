// This file's service runs on a Redis Cluster of its own (3 masters, each with a replica), set
// before any module reads the configuration; one master is killed while the flows run.
import type * as DrillModule from '../../support/failover-drill';
import type * as OfficeModule from '../../support/office';
import type * as PrivateRedisModule from '../../support/private-redis';
import type * as TestServiceModule from '../../support/test-service';
import type * as WaitModule from '../../support/wait';
import type * as WorkerSettingsModule from '../../../services/queue/worker-settings';

process.env.RATE_LIMIT_STATUS_CHECKS = '100000';
delete process.env.REDIS_URL;

const { PrivateRedis } = require('../../support/private-redis') as typeof PrivateRedisModule;
const { flowsThroughFailover, loggedOutToken, meStatus } = require('../../support/failover-drill') as typeof DrillModule;
const { waitUntil } = require('../../support/wait') as typeof WaitModule;
const { WORKER_STALL_SETTINGS } = require('../../../services/queue/worker-settings') as typeof WorkerSettingsModule;

jest.setTimeout(60_000);

/**
 * How long after the flows the drill waits for the last answer: what the service promises after
 * a master dies. The replica takes over within a few seconds (node timeout 1 s, then its
 * election and ioredis's slot refresh; answers paused 2.3 to 3.0 s in the runs measured). A job
 * a worker held on the dead master runs again once its lock has lapsed and a stalled check saw
 * it (lockDuration + stalledInterval), and a worker whose fetch failed tries again after
 * BullMQ's runRetryDelay (15 s); both run side by side. The rest is room for a loaded machine.
 */
const ANSWERS_AFTER_FAILOVER_MS = 5000 + Math.max(WORKER_STALL_SETTINGS.lockDuration + WORKER_STALL_SETTINGS.stalledInterval, 15_000) + 10_000;

const redis = new PrivateRedis();
let nodes: number[] = [];
let service: TestServiceModule.TestService;
let office: OfficeModule.Office;
let citizens: TestServiceModule.Citizen[];

beforeAll(async () => {
  ({ nodes } = await redis.cluster(3));
  process.env.REDIS_CLUSTER_NODES = nodes.slice(0, 3).map((port) => `127.0.0.1:${port}`).join(',');
  const { TestService } = require('../../support/test-service') as typeof TestServiceModule;
  const { createOffice } = require('../../support/office') as typeof OfficeModule;
  service = new TestService();
  await service.start();
  office = await createOffice(service);
  citizens = await Promise.all([service.citizen(), service.citizen(), service.citizen()]);
});
afterAll(async () => {
  // Closing the service once waited past a minute in CI: a worker's BZPOPMIN on the master a
  // test below kills could strand in ioredis's Cluster, and BullMQ's Worker.close() waited for it
  // for ever. The service's own close is bounded now (BoundedWorker.closeWithin, closeRedis): at
  // most about 12 s, measured 0.1 s, or 10 s when a worker had to be forced. These races stay as
  // a guard only, so that a regression fails this file instead of hanging the run.
  const stopped = service ? service.stop().catch(() => undefined) : Promise.resolve();
  const within = (ms: number) => Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
  await within(30_000);
  await redis.stop();
  await within(10_000);
}, 90_000);

/** The reply of the first node that answers (some are killed on purpose). */
async function askCluster(args: string[]): Promise<unknown> {
  for (const port of nodes) {
    const reply = await redis.command(port, args).catch(() => undefined);
    if (reply !== undefined) return reply;
  }
  throw new Error('no node of the cluster answers');
}

/** The port of the master that serves the slot of `key`, from CLUSTER NODES. */
async function masterOf(key: string): Promise<number> {
  const slot = Number(await askCluster(['CLUSTER', 'KEYSLOT', key]));
  const lines = String(await askCluster(['CLUSTER', 'NODES'])).trim().split('\n');
  for (const line of lines) {
    const [, address, flags, , , , , , ...ranges] = line.split(' ');
    if (!flags.includes('master') || flags.includes('fail')) continue;
    const serves = ranges.some((range) => {
      const [from, to = from] = range.split('-').map(Number);
      return slot >= from && slot <= to;
    });
    if (serves) return Number(address.split(':')[1].split('@')[0]);
  }
  throw new Error(`no master serves slot ${slot}`);
}

describe('Redis Cluster', () => {
  test('when the service runs on a Cluster, then BullMQ keys share one hash-tagged slot, other keys spread, and /readyz is 200', async () => {
    const prefix = service.ctx.config.queuePrefix;
    expect(service.ctx.config.redis.kind).toBe('cluster');
    expect(service.ctx.producer.queuePrefix).toBe(`{${prefix}}`);
    const ready = await service.api('GET', '/readyz');
    expect(ready).toMatchObject({ status: 200, body: { redis: 'up' } });
    // Every master holds some of the service's keys: rate limits and the rest are not all on one node.
    const { scanKeys, prefixPatterns } = require('../../support/redis-keys') as typeof import('../../support/redis-keys');
    const keys = await scanKeys(service.ctx.redis, prefixPatterns(prefix));
    expect(keys.some((k) => k.startsWith(`{${prefix}}:status-check:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${prefix}:rl:`))).toBe(true);
    // The session cache was loaded (its marker is a key of its own; each account's keys share a slot).
    expect(keys).toContain(`${prefix}:sessions-loaded`);
  });

  test('when the master of the queues is killed during the flows, then its replica takes over and nothing is lost, nothing doubled, no logout undone', async () => {
    const revokedBefore = await loggedOutToken(service, citizens[0]);
    const victim = await masterOf(`{${service.ctx.config.queuePrefix}}`);
    const figures = await flowsThroughFailover(service, office, citizens, () => redis.kill(victim), { answerWithinMs: ANSWERS_AFTER_FAILOVER_MS });
    if (process.env.DRILL_FIGURES) console.log('Redis Cluster drill', figures);

    expect(figures.serverErrors).toBe(0);
    expect(figures.statusChecksAccepted).toBeGreaterThanOrEqual(36);
    expect(figures.statusChecksAnswered).toBe(figures.statusChecksAccepted);
    expect(figures.casesOpened).toBeGreaterThanOrEqual(9);
    expect(figures.caseNoticesDelivered).toBe(figures.casesOpened);
    expect(figures.doubled).toBe(0);
    expect(await masterOf(`{${service.ctx.config.queuePrefix}}`)).not.toBe(victim);

    expect(await meStatus(service, revokedBefore)).toBe(401);
    const revokedAfter = await loggedOutToken(service, citizens[1]);
    expect(await meStatus(service, revokedAfter)).toBe(401);
    expect(await meStatus(service, citizens[1].token)).toBe(200);
    await waitUntil(async () => (await service.api('GET', '/readyz')).status === 200, '/readyz to be 200 again', 15_000, 200);
  }, 100_000);

  test('when the slots of the queues have no node left to serve them, then /readyz is 503; when the node is back, 200 and status checks are answered again', async () => {
    // After the failover above, the promoted replica serves those slots alone.
    const last = await masterOf(`{${service.ctx.config.queuePrefix}}`);
    await redis.kill(last);
    await waitUntil(async () => (await service.api('GET', '/readyz')).status === 503, '/readyz to be 503', 20_000, 200);
    expect((await service.api('GET', '/readyz')).body).toMatchObject({ status: 'unavailable', postgres: 'up', redis: 'down' });

    await redis.restart(last);
    await waitUntil(async () => (await service.api('GET', '/readyz')).status === 200, '/readyz to be 200 again', 20_000, 200);
    const { checkStatus, awaitAnswer } = require('../../support/citizen-cases') as typeof import('../../support/citizen-cases');
    const accepted = await checkStatus(service, citizens[2].token, 'AFTER.1.1.2026');
    await awaitAnswer(service, citizens[2].token, accepted.id, 20_000);
  });
});
