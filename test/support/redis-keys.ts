import { Cluster, type Redis } from 'ioredis';
import type { RedisConnection } from '../../services/shared/redis';

/** The servers that hold keys: the one server, or every master of a Cluster. */
function keyHolders(redis: RedisConnection): Redis[] {
  // A Cluster's list can still hold a master that was killed (its slots moved): skip it.
  return redis instanceof Cluster ? redis.nodes('master').filter((node) => node.status === 'ready') : [redis];
}

/** Every key matching any of `patterns` (SCAN on each server that holds keys). */
export async function scanKeys(redis: RedisConnection, patterns: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const server of keyHolders(redis)) {
    for (const pattern of patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        found.push(...keys);
      } while (cursor !== '0');
    }
  }
  return found;
}

/** The patterns of one installation's keys: plain and, on a Cluster, hash-tagged (`{prefix}…`). */
export function prefixPatterns(prefix: string): string[] {
  return [`${prefix}:*`, `{${prefix}}*`, `{${prefix}:*`];
}

/** Deletes every key of the installation with QUEUE_PREFIX `prefix`, one key a command (a Cluster refuses DEL across slots). */
export async function deletePrefixKeys(redis: RedisConnection, prefix: string): Promise<void> {
  const keys = await scanKeys(redis, prefixPatterns(prefix));
  await Promise.all(keys.map((key) => redis.del(key)));
}
