import { config } from '../../config/config';
import { createContext } from '../context';
import { logger } from '../shared/logger';
import { startOperationsServer } from '../http/operations-server';
import { onShutdown } from '../shared/shutdown';
import { closeServer, listen } from './gateway.server';

/** `npm run start:gateway`: the HTTP gateway alone. */
async function main(): Promise<void> {
  const { port, publicUrl } = config();
  const ctx = await createContext(config());
  const { server } = await listen(ctx, port);
  const operations = ctx.config.metricsPort > 0 ? await startOperationsServer(ctx, ctx.config.metricsPort, 'gateway') : null;
  logger.info({ port, url: publicUrl }, 'gateway listening');
  onShutdown(async () => {
    await closeServer(server);
    await operations?.stop();
    await ctx.close();
  });
}

main().catch((error) => {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
