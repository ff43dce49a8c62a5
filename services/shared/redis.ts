import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections as BullMQ's production guide says:
 * - `producer`: for the gateway (queues, rate limits, sessions). It fails fast while Redis is
 *   down (no offline queue), so an HTTP request never hangs; the outbox relay catches up later.
 *   Auto-pipelined.
 * - `consumer`: for workers. It waits for Redis forever (`maxRetriesPerRequest: null`), so a
 *   Redis restart pauses work instead of crashing it.
 */
export function createRedis(url: string, kind: 'producer' | 'consumer', name: string): Redis {
  const common: RedisOptions = {
    connectionName: `case-status:${name}`,
    retryStrategy: (times) => Math.min(200 * 2 ** Math.min(times, 5), 5000),
  };
  const options: RedisOptions =
    kind === 'producer'
      ? // Auto-pipelining: the commands of concurrent requests issued in the same event-loop turn
        // go out in one write (measured: the gateway's socket writes to Redis were its largest
        // cost). Never on a consumer: BullMQ blocks on those.
        { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, enableAutoPipelining: true }
      : { ...common, maxRetriesPerRequest: null, enableReadyCheck: true };
  return new Redis(url, options);
}

/** Resolves once the connection is ready (a producer without an offline queue needs it). */
export async function redisReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
