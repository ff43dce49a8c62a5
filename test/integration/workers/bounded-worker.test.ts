import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { config } from '../../../config/config';
import { BoundedWorker } from '../../../workers/bounded-worker';
import { deletePrefixKeys } from '../../support/redis-keys';
import { sleep, waitUntil } from '../../support/wait';

let redis: Redis;
let queue: Queue;

beforeAll(() => {
  redis = new Redis(config().redisUrl, { maxRetriesPerRequest: null });
  queue = new Queue('bounded-close', { connection: redis, prefix: config().queuePrefix });
});
afterAll(async () => {
  await queue.close();
  await deletePrefixKeys(redis, config().queuePrefix);
  await redis.quit();
});

/** A worker of the test's queue whose jobs take `jobMs`; resolves once it holds a job. */
async function workerHoldingAJob(jobMs: number, done: string[]): Promise<BoundedWorker<unknown, string, string>> {
  const worker = new BoundedWorker<unknown, string, string>(
    'bounded-close',
    async (job) => {
      await sleep(jobMs);
      done.push(String(job.id));
      return 'ok';
    },
    { connection: redis, prefix: config().queuePrefix },
  );
  await worker.waitUntilReady();
  await queue.add('job', {}, { removeOnComplete: false });
  await waitUntil(async () => (await queue.getActiveCount()) === 1, 'the worker to take the job', 5000, 20);
  return worker;
}

describe('BoundedWorker', () => {
  test('when Redis is healthy, then closeWithin lets the job in flight finish and closes as close() does', async () => {
    const done: string[] = [];
    const worker = await workerHoldingAJob(300, done);
    const ended = await worker.closeWithin(5000);
    expect(ended).toBe('closed');
    expect(done).toHaveLength(1);
    expect(await queue.getCompletedCount()).toBeGreaterThanOrEqual(1);
  });

  test('when the close outlasts its grace, then closeWithin forces it: it ends soon after the grace and leaves the job to stall', async () => {
    const done: string[] = [];
    const worker = await workerHoldingAJob(3000, done);
    const started = Date.now();
    const ended = await worker.closeWithin(200);
    expect(ended).toBe('forced');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(done).toHaveLength(0);
    await sleep(3100); // the job's own code runs out before the file ends (no lock is renewed for it now)
  });
});
