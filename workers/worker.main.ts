import { config } from '../config/config';
import { createContext } from '../services/context';
import { logger } from '../services/shared/logger';
import { onShutdown } from '../services/shared/shutdown';
import { startWorkerOperationsServer } from './worker.operations-server';
import { startWorkers } from './worker.runner';

/** `npm run start:worker`: a worker process for the queues in WORKER_QUEUES. */
async function main(): Promise<void> {
  const { metricsPort } = config().worker;
  const ctx = await createContext(config());
  const workers = await startWorkers(ctx);
  const stopOperations = metricsPort > 0 ? await startWorkerOperationsServer(ctx, metricsPort) : async () => undefined;
  onShutdown(async () => {
    await workers.close();
    await stopOperations();
    await ctx.close();
  });
}

main().catch((error) => {
  logger.fatal({ err: error }, 'worker failed to start');
  process.exit(1);
});
