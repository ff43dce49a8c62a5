import { config } from '../config/config';
import { createContext } from '../services/context';
import { logger } from '../services/shared/logger';
import { onShutdown } from '../services/shared/shutdown';
import { startWorkers } from './worker.runner';

/** `npm run start:worker`: a worker process for the queues in WORKER_QUEUES. */
async function main(): Promise<void> {
  config();
  const ctx = await createContext();
  const workers = await startWorkers(ctx);
  onShutdown(async () => {
    await workers.close();
    await ctx.close();
  });
}

main().catch((error) => {
  logger.fatal({ err: error }, 'worker failed to start');
  process.exit(1);
});
