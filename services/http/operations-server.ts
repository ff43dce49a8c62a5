import express from 'express';
import type { Connections } from '../shared/connections';
import { logger } from '../shared/logger';
import { closeServer, listenApp } from './http-server';
import { operationsRoutes } from './operations.routes';

/**
 * /metrics, /healthz and /readyz on a port of their own, for the scraper and the orchestrator
 * only (a worker process's one, or the gateway's when METRICS_PORT keeps /metrics off the public
 * port). Returns the stop function and the port it listens on.
 */
export async function startOperationsServer(ctx: Pick<Connections, 'dataSource' | 'redis'>, port: number, name: string): Promise<{ stop: () => Promise<void>; port: number }> {
  const app = express();
  app.disable('x-powered-by');
  app.use(operationsRoutes(ctx));
  const { server, port: actual } = await listenApp(app, port);
  logger.info({ port: actual }, `${name} serves /metrics, /healthz and /readyz`);
  return { stop: () => closeServer(server), port: actual };
}
