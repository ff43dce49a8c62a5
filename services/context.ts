import type { Config } from '../config/config';
import { createDataSource } from '../entities/data-source';
import { SessionStanding } from './auth/session-standing';
import { TokenService } from './auth/token.service';
import { createDomainServices, type DomainServices } from './domain-services';
import { Outbox } from './outbox/outbox.service';
import { QueueProducer } from './queue/queue.producer';
import type { Connections } from './shared/connections';
import { InboxEventPublisher } from './shared/inbox-events';
import { logger } from './shared/logger';
import { RateLimits } from './shared/rate-limits';
import { closeRedis } from './shared/bounded-close';
import { createRedis, redisKeyspace, redisReady } from './shared/redis';
import { allowNamedStatements } from './shared/database';
import { ReadReplicas } from './shared/read-replicas';

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
    reads: ReadReplicas.of(dataSource, config.databaseReplicaUrls, config.databasePoolSize),
    redis,
    producer,
    outbox: new Outbox(dataSource, producer, new InboxEventPublisher(redis, keyspace.keys)),
    // Its keys carry the account's hash tag: one round trip per check on a Cluster too.
    tokens: new TokenService(config.jwt, new SessionStanding(redis, keyspace.keys, dataSource)),
    rateLimits: new RateLimits(redis, keyspace.keys, config.rateLimits),
  };
  return {
    ...connections,
    services: createDomainServices(connections),
    async close() {
      await producer.close().catch(() => undefined);
      await closeRedis(redis);
      await connections.reads.close();
      await dataSource.destroy();
    },
  };
}
