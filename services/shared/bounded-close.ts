import { Cluster } from 'ioredis';
import type { RedisConnection } from './redis';
import { resolvesWithin } from './resolves-within';

/**
 * How long a graceful close may take before the connection is dropped. A healthy Redis answers
 * QUIT in a millisecond; a node that died answers never, and a shutdown must not wait for it
 * (the process's own shutdown grace is 30 s, see `onShutdown`).
 */
export const REDIS_CLOSE_TIMEOUT_MS = 2000;

/**
 * Whether a connection in `status` can be asked to QUIT: only a connected one can answer.
 * Anything else (connecting, reconnecting to a node that died, already closing) would queue
 * the QUIT until Redis is back, that is, possibly forever; it is dropped at once instead.
 * A connection in `connect` (its ready check under way) answers in a moment too.
 */
export function canQuit(status: string): boolean {
  return status === 'ready' || status === 'connect';
}

/**
 * Closes a Redis connection (one server, Sentinel or Cluster) in bounded time, and never
 * throws. While it is connected it QUITs, so that replies still on their way come back;
 * when that takes longer than `timeoutMs` (a Cluster QUITs every node, and a node that a
 * failover left behind may never answer), when QUIT fails, or when the connection is not
 * connected, it is disconnected, which fails whatever still waits on it.
 */
export async function closeRedis(connection: RedisConnection, timeoutMs = REDIS_CLOSE_TIMEOUT_MS): Promise<void> {
  const quitted = canQuit(connection.status) && (await resolvesWithin(connection.quit(), timeoutMs));
  // A Cluster that has quit is done. One server is too, except through Sentinel: QUIT leaves
  // the failover detector's connections to the Sentinels open (and retrying once they are
  // gone); only disconnect() closes them.
  if (quitted && connection instanceof Cluster) return;
  connection.disconnect();
}
