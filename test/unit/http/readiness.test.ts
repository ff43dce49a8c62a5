import express from 'express';
import { closeServer, listenApp } from '../../../services/http/http-server';
import { operationsRoutes } from '../../../services/http/operations.routes';

/** /readyz of an app whose database and Redis answer as given. */
async function readyz(standby: boolean, redisRole: string): Promise<{ status: number; body: unknown }> {
  const ctx = {
    dataSource: { query: async () => [{ standby }] },
    redis: { call: async () => [redisRole, 0, []] },
  } as never;
  const { server, port } = await listenApp(express().use(operationsRoutes(ctx)), 0);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    return { status: res.status, body: await res.json() };
  } finally {
    await closeServer(server);
  }
}

describe('readiness means "can write"', () => {
  test('when PostgreSQL is a primary and Redis a master, then 200', async () => {
    expect(await readyz(false, 'master')).toEqual({ status: 200, body: { status: 'ready', postgres: 'up', redis: 'up' } });
  });

  test('when PostgreSQL is a standby (in recovery), then 503 with postgres down', async () => {
    expect(await readyz(true, 'master')).toMatchObject({ status: 503, body: { postgres: 'down', redis: 'up' } });
  });

  test('when Redis is a replica (after a failover demoted it), then 503 with redis down', async () => {
    expect(await readyz(false, 'slave')).toMatchObject({ status: 503, body: { postgres: 'up', redis: 'down' } });
  });
});
