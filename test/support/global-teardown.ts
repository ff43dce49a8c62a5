import { Redis } from 'ioredis';
import { onMaintenanceDb, runDatabases } from './test-database';

/** Drops the run's databases (kept when KEEP_TEST_DB is set, for a look after a failure). */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.CASE_STATUS_TEST_DB;
  if (!run || process.env.KEEP_TEST_DB) return;
  // The files' copies first: the run's database is their template.
  const names = (await runDatabases(run)).sort((a, b) => b.length - a.length);
  for (const name of names) await onMaintenanceDb(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await deleteRedisKeys(`${run}-*`);
}

/** Removes the Redis keys of every test file of this run (their prefixes start with its name). */
async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
