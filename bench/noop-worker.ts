import { Worker } from 'bullmq';
import { config } from '../config/config';
import { createRedis } from '../services/shared/redis';

/**
 * The ceiling for the workers: the same queue settings (prefix, concurrency, connection) with a
 * processor that does nothing. Drains `BENCH_NOOP_JOBS` jobs of queue `bench-noop`, then prints
 * `{ first, last, count }` (completion times, ms) and exits.
 */
const expected = Number(process.env.BENCH_NOOP_JOBS);
let count = 0;
let first = 0;
const connection = createRedis(config().redis, 'consumer', 'bench-noop');
const worker = new Worker('bench-noop', async () => undefined, {
  connection,
  prefix: config().queuePrefix,
  concurrency: config().worker.concurrency,
  removeOnComplete: { count: 1000 },
});
worker.on('completed', () => {
  count += 1;
  if (count === 1) first = Date.now();
  if (count === expected) {
    process.stdout.write(`${JSON.stringify({ first, last: Date.now(), count })}\n`);
    void worker.close().then(() => process.exit(0));
  }
});
