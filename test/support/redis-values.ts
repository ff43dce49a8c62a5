import type { RedisConnection } from '../../services/shared/redis';
import { prefixPatterns, scanKeys } from './redis-keys';

/** Every value stored under the installation's prefix `prefix` (plain or hash-tagged), as text (strings, hashes, lists, sets, sorted sets, streams). */
export async function redisValues(redis: RedisConnection, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const key of await scanKeys(redis, prefixPatterns(prefix))) {
    out.push(key);
    switch (await redis.type(key)) {
      case 'string':
        out.push((await redis.get(key)) ?? '');
        break;
      case 'hash':
        out.push(JSON.stringify(await redis.hgetall(key)));
        break;
      case 'list':
        out.push(...(await redis.lrange(key, 0, -1)));
        break;
      case 'set':
        out.push(...(await redis.smembers(key)));
        break;
      case 'zset':
        out.push(...(await redis.zrange(key, 0, -1)));
        break;
      case 'stream':
        out.push(JSON.stringify(await redis.xrange(key, '-', '+')));
        break;
    }
  }
  return out;
}
