import { onMaintenanceDb, runDatabases } from './test-database';

/** Drops the run's databases (kept when KEEP_TEST_DB is set, for a look after a failure). */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.CASE_STATUS_TEST_DB;
  if (!run || process.env.KEEP_TEST_DB) return;
  // The files' copies first: the run's database is their template.
  const names = (await runDatabases(run)).sort((a, b) => b.length - a.length);
  for (const name of names) await onMaintenanceDb(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
