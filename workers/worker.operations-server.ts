import express from 'express';
import type { AppContext } from '../services/context';
import { closeServer, listenApp } from '../services/http/http-server';
import { operationsRoutes } from '../services/http/operations.routes';
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
  const { server, port: actual } = await listenApp(app, port);
  logger.info({ port: actual }, 'worker serves /metrics, /healthz and /readyz');
  return () => closeServer(server);
}
