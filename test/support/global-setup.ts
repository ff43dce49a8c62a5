import { baseDatabaseUrl, onMaintenanceDb } from './test-database';

/**
 * Once per test run: a fresh database, migrated, so that parallel runs never collide.
 * Every test file inherits its URL through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const name = `case_status_test_${Date.now()}_${process.pid}`;
  await onMaintenanceDb(`CREATE DATABASE ${name}`);
  const url = baseDatabaseUrl();
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.CASE_STATUS_TEST_DB = name;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'silent';
  // Loaded only now, so that config sees the test database.
  const { migrate } = await import('../../services/cli/migrate');
  await migrate(url.toString());
}
