// This file's service finds its Redis through Sentinels of its own (1 master, 1 replica,
// 3 Sentinels), set before any module reads the configuration; SENTINEL FAILOVER is asked for
// while the flows run.
import type * as DrillModule from '../../support/failover-drill';
import type * as OfficeModule from '../../support/office';
import type * as PrivateRedisModule from '../../support/private-redis';
import type * as TestServiceModule from '../../support/test-service';
import type * as WaitModule from '../../support/wait';

process.env.RATE_LIMIT_STATUS_CHECKS = '100000';
delete process.env.REDIS_URL;

const { PrivateRedis } = require('../../support/private-redis') as typeof PrivateRedisModule;
const { flowsThroughFailover, loggedOutToken, meStatus } = require('../../support/failover-drill') as typeof DrillModule;
const { waitUntil } = require('../../support/wait') as typeof WaitModule;

jest.setTimeout(60_000);

const NAME = 'csq-master';
const redis = new PrivateRedis();
let set: { master: number; replica: number; sentinels: number[] };
let service: TestServiceModule.TestService;
let office: OfficeModule.Office;
let citizens: TestServiceModule.Citizen[];

beforeAll(async () => {
  set = await redis.sentinelSet(NAME);
  process.env.REDIS_SENTINELS = set.sentinels.map((port) => `127.0.0.1:${port}`).join(',');
  process.env.REDIS_SENTINEL_NAME = NAME;
  const { TestService } = require('../../support/test-service') as typeof TestServiceModule;
  const { createOffice } = require('../../support/office') as typeof OfficeModule;
  service = new TestService();
  await service.start();
  office = await createOffice(service);
  citizens = await Promise.all([service.citizen(), service.citizen(), service.citizen()]);
});
afterAll(async () => {
  try {
    await service?.stop();
  } finally {
    await redis.stop();
  }
});

/** The master's port as the Sentinels name it now. */
async function currentMaster(): Promise<number> {
  const [, port] = (await redis.command(set.sentinels[0], ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', NAME])) as [string, string];
  return Number(port);
}

describe('Redis Sentinel', () => {
  test('when the service finds Redis through the Sentinels, then it works on the master and /readyz is 200', async () => {
    expect(service.ctx.config.redis.kind).toBe('sentinel');
    expect(await currentMaster()).toBe(set.master);
    expect(await service.api('GET', '/readyz')).toMatchObject({ status: 200, body: { redis: 'up' } });
  });

  test('when SENTINEL FAILOVER runs during the flows, then the service moves to the new master: nothing lost, nothing doubled, no logout undone', async () => {
    const revokedBefore = await loggedOutToken(service, citizens[0]);
    let revokedDuring: Promise<string> | null = null;
    const figures = await flowsThroughFailover(service, office, citizens, async () => {
      await redis.command(set.sentinels[0], ['SENTINEL', 'FAILOVER', NAME]);
      // A logout while the roles change hands.
      revokedDuring = loggedOutToken(service, citizens[1]);
      await waitUntil(async () => (await currentMaster()) === set.replica, 'the Sentinels to name the replica master', 20_000, 100);
    });
    if (process.env.DRILL_FIGURES) console.log('Redis Sentinel drill', figures);

    expect(figures.serverErrors).toBe(0);
    expect(figures.statusChecksAccepted).toBeGreaterThanOrEqual(36);
    expect(figures.statusChecksAnswered).toBe(figures.statusChecksAccepted);
    expect(figures.casesOpened).toBeGreaterThanOrEqual(9);
    expect(figures.caseNoticesDelivered).toBe(figures.casesOpened);
    expect(figures.doubled).toBe(0);

    // The service writes to the new master; the old one follows it as a replica.
    await waitUntil(async () => (await redis.info(set.master, 'replication')).includes('role:slave'), 'the old master to be a replica', 20_000, 100);
    const clients = String(await redis.command(set.replica, ['CLIENT', 'LIST']));
    for (const name of ['producer', 'worker']) expect(clients).toContain(`name=case-status:${name}`);
    expect(await meStatus(service, revokedBefore)).toBe(401);
    expect(await meStatus(service, await revokedDuring!)).toBe(401);
    const revokedAfter = await loggedOutToken(service, citizens[2]);
    expect(await meStatus(service, revokedAfter)).toBe(401);
    expect(await meStatus(service, citizens[2].token)).toBe(200);
    expect(await service.api('GET', '/readyz')).toMatchObject({ status: 200, body: { redis: 'up' } });
  });
});
