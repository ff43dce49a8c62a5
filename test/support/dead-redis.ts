import { Redis } from 'ioredis';

/**
 * A Redis client configured like the gateway's (fail fast, no offline queue) on a port where
 * nobody listens: "Redis is down" for the code under test, while the file's real Redis stays up.
 */
export function deadRedis(): Redis {
  const redis = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 300, retryStrategy: () => 1000, lazyConnect: true });
  redis.on('error', () => undefined);
  return redis;
}
