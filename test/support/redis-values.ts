import type { Redis } from 'ioredis';

/** Every value stored under `prefix:*`, as text (strings, hashes, lists, sets, sorted sets, streams). */
export async function redisValues(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
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
  } while (cursor !== '0');
  return out;
}
