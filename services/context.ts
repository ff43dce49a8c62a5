import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../entities/data-source';
import { TokenService } from './auth/token.service';
import { Outbox } from './outbox/outbox.service';
import { QueueProducer } from './queue/queue.producer';
import { RateLimits } from './shared/rate-limits';
import { createRedis, redisReady } from './shared/redis';

/**
 * The composition root: the connections and services one process shares. Gateway and workers
 * build the same context and call the same domain services.
 */
export interface AppContext {
  dataSource: DataSource;
  /** Fail-fast Redis connection for producers, rate limits and token revocation. */
  redis: Redis;
  producer: QueueProducer;
  outbox: Outbox;
  tokens: TokenService;
  rateLimits: RateLimits;
  close(): Promise<void>;
}

/** Connects to PostgreSQL and Redis and builds the shared services. */
export async function createContext(): Promise<AppContext> {
  const dataSource = await createDataSource().initialize();
  const redis = createRedis('producer', 'producer');
  redis.on('error', () => undefined); // reconnects by itself; /readyz reports the outage
  await redisReady(redis).catch(() => undefined); // start even while Redis is down: the outbox catches up
  const producer = new QueueProducer(redis);
  return {
    dataSource,
    redis,
    producer,
    outbox: new Outbox(dataSource, producer),
    tokens: new TokenService(redis),
    rateLimits: new RateLimits(redis),
    async close() {
      await producer.close().catch(() => undefined);
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}
