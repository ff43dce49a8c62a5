import { createFileDatabase } from './test-database';

// Before the file's own hooks: its database, a copy of the run's migrated one. Unit tests touch
// no database and get none.
beforeAll(async () => {
  if (expect.getState().testPath?.includes('/test/unit/')) return;
  await createFileDatabase();
});
