import { onMaintenanceDb } from './test-database';

/** Drops the run's database (kept when KEEP_TEST_DB is set, for a look after a failure). */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.CASE_STATUS_TEST_DB;
  if (!name || process.env.KEEP_TEST_DB) return;
  await onMaintenanceDb(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
