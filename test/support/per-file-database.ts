import { logger } from '../../services/shared/logger';
import { createFileDatabase } from './test-database';

// The service's entry points set the log level from the configuration; tests that call modules
// directly (no context) get the same level, silent unless LOG_LEVEL says otherwise. Read from the
// environment, not config(): some files set variables before their first config() call.
logger.level = process.env.LOG_LEVEL ?? 'silent';

// Before the file's own hooks: its database, a copy of the run's migrated one. Unit tests touch
// no database and get none.
beforeAll(async () => {
  if (expect.getState().testPath?.includes('/test/unit/')) return;
  await createFileDatabase();
});
