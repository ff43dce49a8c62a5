import express from 'express';
import type { Connections } from '../shared/connections';
import { registry } from '../shared/metrics';
import { assertRedisWritable } from '../shared/redis';

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
      withTimeout(ctx.dataSource.query('SELECT pg_is_in_recovery() AS standby').then(([row]: Array<{ standby: boolean }>) => assertWritable(!row.standby))),
      withTimeout(assertRedisWritable(ctx.redis)),
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

async function withTimeout(check: Promise<unknown>, ms = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
