// This file's service uses a PostgreSQL server of its own, which the test stops and starts again.
import { Client } from 'pg';
import type * as MigrateModule from '../../../services/cli/migrate';
import type * as OfficeModule from '../../support/office';
import { freePort } from '../../support/ports';
import { PrivatePostgres } from '../../support/private-postgres';
import type * as TestServiceModule from '../../support/test-service';
import type * as WaitModule from '../../support/wait';

let pg: PrivatePostgres;
let service: TestServiceModule.TestService;
let citizen: TestServiceModule.Citizen;
let waitUntil: typeof WaitModule.waitUntil;

beforeAll(async () => {
  pg = new PrivatePostgres(await freePort());
  pg.start();
  const admin = new Client({ connectionString: pg.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE drill');
  await admin.end();
  // Before any module reads the configuration.
  process.env.DATABASE_URL = pg.url('drill');
  const { migrate } = require('../../../services/cli/migrate') as typeof MigrateModule;
  await migrate(pg.url('drill'));
  const { TestService } = require('../../support/test-service') as typeof TestServiceModule;
  const { createOffice } = require('../../support/office') as typeof OfficeModule;
  ({ waitUntil } = require('../../support/wait') as typeof WaitModule);
  service = new TestService();
  await service.start();
  await createOffice(service);
  citizen = await service.citizen();
}, 90_000);
afterAll(async () => {
  await service?.stop().catch(() => undefined);
  pg?.remove();
});

describe('PostgreSQL down: 503 and a Polish "try again shortly", never 500; back by itself', () => {
  test('when PostgreSQL stops, then /readyz and the API say 503 with Retry-After and the pages a Polish 503; when it starts again, everything answers without a restart', async () => {
    expect(service.ctx.config.databaseUrl).toBe(pg.url('drill'));
    expect((await fetch(`${service.baseUrl}/readyz`)).status).toBe(200);
    pg.stop();

    const ready = await fetch(`${service.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ postgres: 'down' });
    for (const res of [
      await service.api('GET', '/api/v1/me', { token: citizen.token }),
      await service.api('GET', '/api/v1/inbox', { token: citizen.token }),
      await service.api('POST', '/api/v1/auth/login', { body: { login: citizen.login, password: citizen.password } }),
      await service.api('POST', '/api/v1/status-checks', { token: citizen.token, body: { caseNumber: 'GN.6840.1.2026' } }),
    ]) {
      expect({ status: res.status, code: res.body?.code }).toEqual({ status: 503, code: 'service_unavailable' });
      expect(res.headers.get('retry-after')).toBe('5');
    }
    const page = await fetch(`${service.baseUrl}/skrzynka`, { headers: { cookie: `sesja=${citizen.token}`, accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('Spróbuj ponownie za chwilę');

    pg.start();
    await waitUntil(async () => (await service.api('GET', '/api/v1/me', { token: citizen.token })).status === 200, 'the API to answer again', 30_000);
    expect((await fetch(`${service.baseUrl}/readyz`)).status).toBe(200);
    // The workers resume by themselves: a status check asked now is answered.
    const asked = await service.api('POST', '/api/v1/status-checks', { token: citizen.token, body: { caseNumber: 'GN.6840.1.2026' } });
    expect(asked.status).toBe(202);
    await waitUntil(async () => (await service.api('GET', `/api/v1/status-checks/${asked.body.id}`, { token: citizen.token })).body.status === 'delivered', 'the answer', 30_000);
  }, 120_000);
});
