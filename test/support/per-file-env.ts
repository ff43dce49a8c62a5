import { randomBytes } from 'node:crypto';

// Each test file gets its own Redis key prefix (queues, rate limits, sessions) and its own
// database (cloned from the run's migrated one by per-file-database.ts), set before any module
// reads the configuration. A shared database would let another file's outbox relay publish this
// file's events into that file's queues.
const suffix = randomBytes(4).toString('hex');
// Under the run's name, so that the global teardown can remove whatever a file left in Redis.
process.env.QUEUE_PREFIX = `${process.env.CASE_STATUS_TEST_DB ?? 'test'}-${suffix}`;
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.OUTBOX_RELAY_INTERVAL_MS ??= '500';

const runDatabase = process.env.CASE_STATUS_TEST_DB;
if (runDatabase && process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${runDatabase}_${suffix}`;
  process.env.DATABASE_URL = url.toString();
}
