import express from 'express';
import { operationsRoutes } from '../../../services/http/operations.routes';
import { TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

describe('operations endpoints', () => {
  test('when /healthz is asked, then 200', async () => {
    expect((await service.api('GET', '/healthz')).status).toBe(200);
  });

  test('when PostgreSQL and Redis are up, then /readyz answers 200', async () => {
    const res = await service.api('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ postgres: 'up', redis: 'up' });
  });

  test('when Redis cannot be reached, then /readyz answers 503 and says which one is down', async () => {
    // A real connection to the test Redis, closed: every command on it fails, as when Redis is gone.
    const deadRedis = service.ctx.redis.duplicate();
    await new Promise((resolve) => deadRedis.once('ready', resolve));
    await deadRedis.quit();
    const app = express().use(operationsRoutes({ ...service.ctx, redis: deadRedis }));
    const server = app.listen(0);
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', postgres: 'up', redis: 'down' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('when /metrics is scraped after some traffic, then Prometheus text carries HTTP durations and queue depth', async () => {
    await service.api('GET', '/api/v1/me');
    const res = await fetch(`${service.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{[^}]*status_code="401",method="GET",path="\/api\/v1\/me"[^}]*\} \d+/m);
    expect(text).toMatch(/^# TYPE case_status_queue_jobs gauge$/m);
    expect(text).toMatch(/^case_status_queue_jobs\{queue="mail",state="waiting"\} \d+/m);
    expect(text).toContain('case_status_job_duration_seconds');
  });

  test('when an unknown id is put in the path, then metrics use the route, not the id', async () => {
    await service.api('GET', '/api/v1/inbox/3f0e3f2e-0000-4000-8000-000000000000');
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(text).not.toContain('3f0e3f2e-0000');
    expect(text).toMatch(/^http_request_duration_seconds_count\{[^}]*path="\/api\/v1\/inbox\/:id"[^}]*\} \d+/m);
  });

  test('when the OpenAPI document is fetched, then it is OpenAPI 3.1.0 with the accounts and inbox paths', async () => {
    const res = await service.api('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/auth/register', '/api/v1/auth/activate', '/api/v1/auth/resend-activation', '/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/me', '/api/v1/inbox', '/api/v1/inbox/{id}', '/api/v1/inbox/{id}/read']) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
    expect(res.body.paths['/api/v1/auth/register'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(res.body.paths['/api/v1/me'].patch).toBeDefined();
  });

  test('when a path nobody answers is asked, then 404 not_found as problem+json', async () => {
    for (const path of ['/api/v1/nie-ma-takiej-sciezki', '/zupelnie/nieznana']) {
      const res = await service.api('GET', path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toEqual({ type: expect.any(String), title: expect.any(String), status: 404, code: 'not_found', detail: expect.any(String) });
    }
  });

  test('when a known path is called with a method it does not have, then 404 not_found as problem+json', async () => {
    const res = await service.api('PUT', '/api/v1/me');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
