import express from 'express';
import type { Connections } from '../shared/connections';
import { registry } from '../shared/metrics';
import { assertRedisWritable } from '../shared/redis';
import { resolvesWithin } from '../shared/resolves-within';

/** How long each readiness check may take: a server that does not answer in time is not ready. */
const READINESS_TIMEOUT_MS = 2000;

/**
 * Liveness, readiness and metrics for operators (outside /api/v1). With `metrics: false` the
 * public port leaves /metrics out: it is served on the operations port (METRICS_PORT) instead.
 */
export function operationsRoutes(ctx: Pick<Connections, 'dataSource' | 'redis'>, options: { metrics?: boolean } = {}): express.Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    // Ready means "can write": a PostgreSQL standby or a demoted Redis replica answers, but refuses
    // writes; so does a Redis Cluster with slots nobody serves.
    const [postgres, redis] = await Promise.all([
      resolvesWithin(ctx.dataSource.query('SELECT pg_is_in_recovery() AS standby').then(([row]: Array<{ standby: boolean }>) => assertWritable(!row.standby)), READINESS_TIMEOUT_MS),
      resolvesWithin(assertRedisWritable(ctx.redis), READINESS_TIMEOUT_MS),
    ]);
    const ready = postgres && redis;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', postgres: up(postgres), redis: up(redis) });
  });
  if (options.metrics !== false) {
    router.get('/metrics', async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    });
  }
  return router;
}

function assertWritable(writable: boolean): void {
  if (!writable) throw new Error('read-only');
}

function up(ok: boolean): 'up' | 'down' {
  return ok ? 'up' : 'down';
}
