import { randomBytes } from 'node:crypto';

// Each test file gets its own Redis key prefix (queues, rate limits, sessions), set before
// any module reads the configuration.
process.env.QUEUE_PREFIX = `test-${randomBytes(4).toString('hex')}`;
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.OUTBOX_RELAY_INTERVAL_MS ??= '500';
