import type { Redis } from 'ioredis';
import type { Config } from '../config/config';
import { createDataSource } from '../entities/data-source';
import { TokenService } from './auth/token.service';
import { createDomainServices, type DomainServices } from './domain-services';
import { Outbox } from './outbox/outbox.service';
import { QueueProducer } from './queue/queue.producer';
import type { Connections } from './shared/connections';
import { InboxEventPublisher } from './shared/inbox-events';
import { logger } from './shared/logger';
import { RateLimits } from './shared/rate-limits';
import { createRedis, redisKeyspace, redisReady } from './shared/redis';
import { allowNamedStatements } from './shared/database';

/**
 * The composition root: the connections and services one process shares. Gateway, workers and
 * the CLI build the same context from the configuration their entry point parsed.
 */
export interface AppContext extends Connections {
  services: DomainServices;
  close(): Promise<void>;
}

/** Connects to PostgreSQL and Redis and builds the shared services. */
export async function createContext(config: Config): Promise<AppContext> {
  logger.level = config.logLevel;
  const dataSource = await createDataSource(config.databaseUrl, config.databasePoolSize).initialize();
  allowNamedStatements(dataSource, config.databasePreparedStatements);
  const redis = createRedis(config.redis, 'producer', 'producer');
  const keyspace = redisKeyspace(config.redis, config.queuePrefix);
  redis.on('error', () => undefined); // reconnects by itself; /readyz reports the outage
  await redisReady(redis).catch(() => undefined); // start even while Redis is down: the outbox catches up
  const producer = new QueueProducer(redis, keyspace.keys, keyspace.queues);
  const connections: Connections = {
    config,
    dataSource,
    redis,
    producer,
    outbox: new Outbox(dataSource, producer, new InboxEventPublisher(redis, keyspace.keys)),
    // TokenService is typed for one server; it uses only commands a Cluster has as well, and its
    // one pipeline keeps to one slot through the hash-tagged `tokens` prefix.
    tokens: new TokenService(redis as Redis, config.jwt, keyspace.tokens, dataSource),
    rateLimits: new RateLimits(redis, keyspace.keys, config.rateLimits),
  };
  return {
    ...connections,
    services: createDomainServices(connections),
    async close() {
      await producer.close().catch(() => undefined);
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}
