import { config } from '../config/config';
import { startWorkers } from '../workers/worker.runner';
import { createContext } from './context';
import { closeServer, listen } from './gateway/gateway.server';
import { logger } from './shared/logger';
import { startOperationsServer } from './http/operations-server';
import { onShutdown } from './shared/shutdown';

/** `npm start`: the gateway and every worker in one process, the default for one machine. */
async function main(): Promise<void> {
  const { port, publicUrl } = config();
  const ctx = await createContext(config());
  const workers = await startWorkers(ctx);
  const { server } = await listen(ctx, port);
  const operations = ctx.config.metricsPort > 0 ? await startOperationsServer(ctx, ctx.config.metricsPort, 'service') : null;
  logger.info({ port, url: publicUrl, queues: workers.queues }, 'service listening');
  onShutdown(async () => {
    await closeServer(server);
    await operations?.stop();
    await workers.close();
    await ctx.close();
  });
}

main().catch((error) => {
  logger.fatal({ err: error }, 'service failed to start');
  process.exit(1);
});
