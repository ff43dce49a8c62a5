import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTopology } from '../../config/redis-topology';

/** A connection to the service's Redis, whichever topology the configuration names. */
export type RedisConnection = Redis | Cluster;

/** What a connection is for; see `createRedis`. */
export type RedisRole = 'producer' | 'consumer';

/**
 * The one place that connects to Redis: every user (queues, workers, schedulers, rate limits,
 * token revocations, live updates, one-shot forms, the dashboard) gets its connection here, so
 * that the configuration alone chooses one server, a Cluster or Sentinel.
 *
 * Connections as BullMQ's production guide says:
 * - `producer`: for the gateway (queues, rate limits, sessions). It fails fast while Redis is
 *   down (no offline queue), so an HTTP request never hangs; the outbox relay catches up later.
 *   Auto-pipelined: the commands of concurrent requests issued in the same event-loop turn go
 *   out in one write (measured: the gateway's socket writes to Redis were its largest cost).
 * - `consumer`: for workers and subscribers. It waits for Redis forever
 *   (`maxRetriesPerRequest: null`), so a Redis restart pauses work instead of crashing it. Never
 *   auto-pipelined: BullMQ blocks on those connections.
 */
export function createRedis(topology: RedisTopology, role: RedisRole, name: string): RedisConnection {
  const options = connectionOptions(topology, role, name);
  switch (topology.kind) {
    case 'single':
      return new Redis(topology.url, options);
    case 'sentinel':
      return new Redis({
        ...options,
        sentinels: topology.sentinels,
        name: topology.name,
        // Sentinels that require no password ignore it (ioredis treats that answer as a warning).
        sentinelPassword: topology.password,
        // Hears the Sentinels' +switch-master at once instead of waiting for the old master to fail.
        failoverDetector: true,
      });
    case 'cluster': {
      // The Cluster retries and queues for all its nodes itself.
      const { enableOfflineQueue, enableAutoPipelining, retryStrategy: _perNodeRetry, ...perNode } = options;
      const clusterOptions: ClusterOptions = {
        redisOptions: perNode,
        enableOfflineQueue,
        enableAutoPipelining,
        enableReadyCheck: true,
        clusterRetryStrategy: retryDelay,
        // Moved slots are followed as Redis says (MOVED/ASK); a refreshed map after a failover.
        slotsRefreshTimeout: 2000,
      };
      return new Cluster(topology.nodes, clusterOptions);
    }
  }
}

function connectionOptions(topology: RedisTopology, role: RedisRole, name: string): RedisOptions {
  const common: RedisOptions = {
    connectionName: `case-status:${name}`,
    retryStrategy: retryDelay,
    ...(topology.password === undefined ? {} : { password: topology.password }),
    // A master that was demoted (a failover) answers writes with READONLY: reconnect, which finds
    // the new master. A producer fails the command at once (its caller has a fallback); a
    // consumer sends it again there (a refused write did not happen, so repeating it is safe).
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? (role === 'producer' ? 1 : 2) : false),
  };
  return role === 'producer'
    ? { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, enableAutoPipelining: true }
    : { ...common, maxRetriesPerRequest: null, enableReadyCheck: true };
}

function retryDelay(times: number): number {
  return Math.min(200 * 2 ** Math.min(times, 5), 5000);
}

/**
 * The key prefixes of one installation. A Redis Cluster runs a multi-key command (every BullMQ
 * script) only when its keys share a slot, so BullMQ's keys carry a hash tag there (`{csq}`),
 * and so do the token revocations with their "loaded" marker, which the token check reads in one
 * pipeline. Every other key keeps the plain prefix and spreads over the nodes. One server and
 * Sentinel keep the plain prefix throughout: an existing installation keeps its queued jobs.
 */
export interface RedisKeyspace {
  /** QUEUE_PREFIX as given: the service's own single-key keys and its pub/sub channel. */
  keys: string;
  /** BullMQ's prefix. */
  queues: string;
}

/** The prefixes for QUEUE_PREFIX `prefix` on `topology`. */
export function redisKeyspace(topology: RedisTopology, prefix: string): RedisKeyspace {
  // The session checks need no prefix of their own: their keys carry the account's hash tag.
  if (topology.kind !== 'cluster') return { keys: prefix, queues: prefix };
  return { keys: prefix, queues: `{${prefix}}` };
}

/** Resolves once the connection is ready (a producer without an offline queue needs it). */
export async function redisReady(redis: RedisConnection, timeoutMs = 5000): Promise<void> {
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

/**
 * Throws unless this connection can write: its server is a master (not a replica a failover
 * demoted) and, on a Cluster, the cluster says `cluster_state:ok` (every slot served).
 */
export async function assertRedisWritable(redis: RedisConnection): Promise<void> {
  const role: unknown = await redis.call('ROLE');
  if (!Array.isArray(role) || role[0] !== 'master') throw new Error('Redis is a replica');
  if (redis instanceof Cluster) {
    const info = String(await redis.call('CLUSTER', 'INFO'));
    if (!/^cluster_state:ok\r?$/m.test(info)) throw new Error('Redis Cluster is not ok');
  }
}
