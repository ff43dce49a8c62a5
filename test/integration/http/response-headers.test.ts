import express from 'express';
import { closeServer, listenApp } from '../../../services/http/http-server';
import { securityHeaders } from '../../../services/http/security-headers';
import { TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

/** The headers a bare app with the security headers for `publicUrl` answers with. */
async function headersFor(publicUrl: string): Promise<Headers> {
  const app = express().use(securityHeaders(publicUrl)).get('/', (_req, res) => {
    res.send('ok');
  });
  const { server, port } = await listenApp(app, 0);
  try {
    return (await fetch(`http://127.0.0.1:${port}/`)).headers;
  } finally {
    await closeServer(server);
  }
}

describe('security headers', () => {
  test('when the service is served over plain http, then no HSTS and no upgrade-insecure-requests (forms keep working on a LAN address)', async () => {
    const res = await fetch(`${service.baseUrl}/logowanie`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toMatch(/https:|unsafe-inline|fonts\.googleapis/);
  });

  test('when the service is served over https, then HSTS and upgrade-insecure-requests are sent', async () => {
    const headers = await headersFor('https://urzad.example');
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  test('when the queue dashboard is asked for, then its inline styles are allowed there only', async () => {
    const dashboard = await fetch(`${service.baseUrl}/admin/queues`, { headers: { accept: 'application/json' } });
    expect(dashboard.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    const page = await fetch(`${service.baseUrl}/`);
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });
});

describe('caching of API answers', () => {
  test.each([
    ['a public call', '/api/v1/openapi.json'],
    ['a refused call', '/api/v1/me'],
    ['an unknown path', '/api/v1/nie-ma-takiej'],
  ])('when %s is answered, then Cache-Control is no-store', async (_what, path) => {
    const res = await fetch(`${service.baseUrl}${path}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the metrics path label', () => {
  test('when the OpenAPI document was served, then its series is labelled /api/v1/openapi.json (once, not twice prefixed)', async () => {
    await fetch(`${service.baseUrl}/api/v1/openapi.json`);
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/path="\/api\/v1\/openapi\.json"/);
    expect(metrics).not.toContain('/api/v1/api/v1');
  });
});
