// This file's service uses a PostgreSQL server of its own, which the test stops and starts again.
import { Client } from 'pg';
import type * as MigrateModule from '../../../services/cli/migrate';
import type * as OfficeModule from '../../support/office';
import { startPrivatePostgres, type PrivatePostgres } from '../../support/private-postgres';
import type * as TestServiceModule from '../../support/test-service';
import { startTrickle, tally } from '../../support/trickle';
import type * as WaitModule from '../../support/wait';

// The 30 s drill sends one status check every 300 ms from one citizen.
process.env.RATE_LIMIT_STATUS_CHECKS = '100000';

let pg: PrivatePostgres;
let service: TestServiceModule.TestService;
let citizen: TestServiceModule.Citizen;
let waitUntil: typeof WaitModule.waitUntil;

beforeAll(async () => {
  pg = await startPrivatePostgres();
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

  test('when PostgreSQL is away for 30 s under a trickle of requests, then calls answer 503 with Retry-After (never 500), and every status check accepted is answered exactly once after it is back, without a restart', async () => {
    const startedAt = Date.now();
    const trickle = startTrickle(service, citizen);
    await new Promise((r) => setTimeout(r, 2000));
    // The status checks accepted in the last second before the stop wait in the queue, so that
    // the workers meet the outage with jobs in hand.
    await service.stopWorkers();
    await new Promise((r) => setTimeout(r, 1000));
    pg.stop();
    const stoppedAt = Date.now();
    await service.startWorkers();
    await new Promise((r) => setTimeout(r, 30_000));
    pg.start();
    const backAt = Date.now();
    await waitUntil(async () => (await service.api('GET', '/api/v1/me', { token: citizen.token })).status === 200, 'the API to answer again', 20_000, 100);
    const recoveredMs = Date.now() - backAt;
    await new Promise((r) => setTimeout(r, 2000));
    const { answers, accepted } = await trickle.stop();

    // No 500 and no call left unanswered: 503 with Retry-After while the database is away, else success.
    expect(answers.filter((a) => a.status === 0 || (a.status >= 500 && a.status !== 503))).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && a.retryAfter === null)).toEqual([]);
    expect(Object.keys(tally(answers)).filter((k) => !/ (200|202|503)$/.test(k))).toEqual([]);
    const during = answers.filter((a) => startedAt + a.at >= stoppedAt + 1000 && startedAt + a.at <= backAt);
    expect(during.filter((a) => a.call === 'status-check').length).toBeGreaterThan(30);
    expect(during.filter((a) => a.status !== 503)).toEqual([]);
    // Accepted before the stop and after the return: each answered once; the jobs caught by the
    // outage ran again without burning their attempts.
    await waitUntil(
      async () => {
        const [{ n }] = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM status_checks WHERE id = ANY($1::uuid[]) AND status = 'delivered'`, [accepted]);
        return n === accepted.length;
      },
      'every accepted status check answered',
      20_000,
      250,
    );
    const [counts] = await service.ctx.dataSource.query(
      `SELECT count(*)::int AS messages, count(DISTINCT data->>'requestId')::int AS requests FROM messages WHERE kind = 'case_status' AND data->>'requestId' = ANY($1::text[])`,
      [accepted],
    );
    expect(counts).toEqual({ messages: accepted.length, requests: accepted.length });
    const queue = service.ctx.producer.queue('status-check');
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    // The jobs the workers held through the outage were tried again and again, and used no attempt for it.
    const held = (await Promise.all(accepted.map((id) => queue.getJob(id)))).filter((job) => job && job.attemptsStarted > 1);
    expect(held.length).toBeGreaterThan(0);
    expect(held.map((job) => job!.attemptsMade)).toEqual(held.map(() => 1));
    process.stdout.write(
      `postgres 30 s drill: ${answers.length} calls (${answers.filter((a) => a.status === 503).length} answered 503), ${accepted.length} status checks accepted and answered once, none lost; API back ${recoveredMs} ms after PostgreSQL\n`,
    );
  }, 100_000);
});
