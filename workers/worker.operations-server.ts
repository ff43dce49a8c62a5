import type { Server } from 'node:http';
import express from 'express';
import type { AppContext } from '../services/context';
import { closeServer } from '../services/gateway/gateway.server';
import { operationsRoutes } from '../services/gateway/routes/operations.routes';
import { logger } from '../services/shared/logger';

/**
 * A worker process's own /metrics, /healthz and /readyz. Job durations and answer latencies are
 * measured where the jobs run, so in a split deployment each worker is scraped on its own.
 * Returns the stop function.
 */
export async function startWorkerOperationsServer(ctx: AppContext, port: number): Promise<() => Promise<void>> {
  const app = express();
  app.disable('x-powered-by');
  app.use(operationsRoutes(ctx));
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  logger.info({ port: typeof address === 'object' && address ? address.port : port }, 'worker serves /metrics, /healthz and /readyz');
  return () => closeServer(server);
}
