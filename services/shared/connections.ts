import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import type { TokenService } from '../auth/token.service';
import type { Outbox } from '../outbox/outbox.service';
import type { QueueProducer } from '../queue/queue.producer';
import type { RateLimits } from './rate-limits';
import type { ReadReplicas } from './read-replicas';
import type { RedisConnection } from './redis';

/**
 * What one process shares and the domain services are built on: the configuration (parsed
 * once, by the entry point), the connections, and the platform services on top of them.
 */
export interface Connections {
  config: Config;
  dataSource: DataSource;
  /** Reads that need not see the caller's own writes: on the read replicas, if any (falls back to the primary). */
  reads: ReadReplicas;
  /** Fail-fast Redis connection for producers, rate limits and token revocation. */
  redis: RedisConnection;
  producer: QueueProducer;
  outbox: Outbox;
  tokens: TokenService;
  rateLimits: RateLimits;
}
