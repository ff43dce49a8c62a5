import { config } from '../config/config';
import { createContext } from '../services/context';
import { startOperationsServer } from '../services/http/operations-server';
import { logger } from '../services/shared/logger';
import { onShutdown } from '../services/shared/shutdown';
import { startWorkers } from './worker.runner';

/** `npm run start:worker`: a worker process for the queues in WORKER_QUEUES. */
async function main(): Promise<void> {
  const { metricsPort } = config().worker;
  const ctx = await createContext(config());
  const workers = await startWorkers(ctx);
  // Job durations and answer latencies are measured where the jobs run: each worker is scraped on its own.
  const operations = metricsPort > 0 ? await startOperationsServer(ctx, metricsPort, 'worker') : null;
  onShutdown(async () => {
    await workers.close();
    await operations?.stop();
    await ctx.close();
  });
}

main().catch((error) => {
  logger.fatal({ err: error }, 'worker failed to start');
  process.exit(1);
});
