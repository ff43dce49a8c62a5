import { config } from '../../config/config';
import { migrate } from './migrate';

/** `npm run migrate`: applies the database migrations (idempotent). */
migrate(config().databaseUrl)
  .then((applied) => {
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
  })
  .catch((error: Error) => {
    process.stderr.write(`Migration failed: ${error.message}\n`);
    process.exit(1);
  });
