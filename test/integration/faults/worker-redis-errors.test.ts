// This file's workers use a Redis server of its own, stopped and then started again refusing
// every script command (as a Cluster node refuses BullMQ's scripts without a hash tag): set
// before any module reads the configuration.
import type * as ConfigModule from '../../../config/config';
import type * as ContextModule from '../../../services/context';
import type * as LoggerModule from '../../../services/shared/logger';
import type * as MailerModule from '../../../services/mail/mailer';
import type * as RunnerModule from '../../../workers/worker.runner';
import type * as PrivateRedisModule from '../../support/private-redis';
import type * as WaitModule from '../../support/wait';

const { PrivateRedis } = require('../../support/private-redis') as typeof PrivateRedisModule;
const { sleep } = require('../../support/wait') as typeof WaitModule;

jest.setTimeout(60_000);

const WATCH_MS = 6000;
/** A server without the commands a worker fetches with: it answers each at once with an error. */
const REFUSING = ['EVALSHA', 'EVAL', 'BZPOPMIN'].flatMap((command) => ['--rename-command', command, '']);
const redis = new PrivateRedis();
let port = 0;
let ctx: ContextModule.AppContext;
let workers: RunnerModule.RunningWorkers;
let logged: jest.SpyInstance[] = [];

beforeAll(async () => {
  port = await redis.server();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  const { config } = require('../../../config/config') as typeof ConfigModule;
  const { createContext } = require('../../../services/context') as typeof ContextModule;
  const { startWorkers } = require('../../../workers/worker.runner') as typeof RunnerModule;
  const { Mailer } = require('../../../services/mail/mailer') as typeof MailerModule;
  ctx = await createContext(config());
  workers = await startWorkers(ctx, { queues: ['status-check', 'inbox', 'mail'], relay: false, concurrency: 5, mailer: new Mailer('smtp://127.0.0.1:9', config().mailFrom) });
  const { logger } = require('../../../services/shared/logger') as typeof LoggerModule;
  logged = (['fatal', 'error', 'warn', 'info'] as const).map((level) => jest.spyOn(logger, level));
});
afterAll(async () => {
  try {
    await workers?.close();
    await ctx?.close();
  } finally {
    await redis.stop();
  }
});

/** The log lines written while `during` runs. */
async function linesDuring(during: () => Promise<void>): Promise<number> {
  for (const spy of logged) spy.mockClear();
  await during();
  return logged.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
}

describe('workers and a Redis that keeps failing', () => {
  test('when Redis is gone, then the workers wait for it and write at most a line or two, not one per attempt', async () => {
    const lines = await linesDuring(async () => {
      await redis.kill(port);
      await sleep(WATCH_MS);
    });
    expect(lines).toBeGreaterThanOrEqual(1);
    expect(lines).toBeLessThanOrEqual(3);
  });

  test('when Redis answers every fetch with an error at once, then the workers back off, keep trying, and write at most a line or two', async () => {
    const lines = await linesDuring(async () => {
      await redis.restart(port, REFUSING);
      await sleep(WATCH_MS);
    });
    // What the server refused: a few tries per worker as the rests grow, not thousands.
    const refused = Number(/errorstat_ERR:count=(\d+)/.exec(await redis.info(port, 'errorstats'))?.[1] ?? 0);
    expect(refused).toBeGreaterThanOrEqual(3);
    expect(refused).toBeLessThan(60);
    expect(lines).toBeGreaterThanOrEqual(1);
    expect(lines).toBeLessThanOrEqual(3);
  });
});
