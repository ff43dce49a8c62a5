// This file's service uses a Redis server of its own, which the test stops and starts again: set
// before any module reads the configuration.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../support/ports';
import type * as OfficeModule from '../../support/office';
import type * as TestServiceModule from '../../support/test-service';
import { startTrickle, tally } from '../../support/trickle';
import type * as WaitModule from '../../support/wait';

// The 30 s drill sends one status check every 300 ms from one citizen.
process.env.RATE_LIMIT_STATUS_CHECKS = '100000';

let redisProcess: ChildProcess | null = null;
let port = 0;

/** Starts the private Redis on `port` and waits until it answers. */
async function startRedis(): Promise<void> {
  redisProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const { Redis } = await import('ioredis');
  const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 1 });
  probe.on('error', () => undefined);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await probe.connect().catch(() => undefined);
      if ((await probe.ping()) === 'PONG') break;
    } catch {
      if (Date.now() > deadline) throw new Error('private Redis did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  probe.disconnect();
}

async function stopRedis(): Promise<void> {
  const proc = redisProcess;
  redisProcess = null;
  if (!proc || proc.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

let service: TestServiceModule.TestService;
let office: OfficeModule.Office;
let citizen: TestServiceModule.Citizen;
let waitUntil: typeof WaitModule.waitUntil;

beforeAll(async () => {
  port = await freePort();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  await startRedis();
  const { TestService } = require('../../support/test-service') as typeof TestServiceModule;
  const { createOffice } = require('../../support/office') as typeof OfficeModule;
  ({ waitUntil } = require('../../support/wait') as typeof WaitModule);
  service = new TestService();
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
}, 60_000);
afterAll(async () => {
  if (!redisProcess) await startRedis();
  await service?.stop();
  await stopRedis();
});

describe('Redis down: degrade, do not fail', () => {
  test('when Redis stops, then token checks, the inbox, logins, logouts and opening a case answer without a 500; when it is back, a logout made meanwhile still holds', async () => {
    expect(service.ctx.config.redisUrl).toBe(`redis://127.0.0.1:${port}`);
    const otherToken = await service.login(citizen.login, citizen.password);
    await stopRedis();
    await waitUntil(() => service.ctx.redis.status !== 'ready', 'the gateway to see Redis gone', 10_000);

    expect((await service.api('GET', '/api/v1/me', { token: citizen.token })).status).toBe(200);
    expect((await service.api('GET', '/api/v1/inbox', { token: citizen.token })).status).toBe(200);
    const login = await service.api('POST', '/api/v1/auth/login', { body: { login: citizen.login, password: citizen.password } });
    expect(login.status).toBe(200);
    const wrong = await service.api('POST', '/api/v1/auth/login', { body: { login: citizen.login, password: 'Zle-Haslo-Zle-Haslo' } });
    expect(wrong.status).toBe(401);
    expect((await service.api('POST', '/api/v1/auth/logout', { token: otherToken })).status).toBeLessThan(300);
    expect((await service.api('GET', '/api/v1/me', { token: otherToken })).status).toBe(401);
    const opened = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Wniosek w czasie awarii', applicant: { firstName: 'Jan', lastName: 'Nowak' } },
    });
    expect(opened.status).toBe(201);
    const page = await fetch(`${service.baseUrl}/skrzynka`, { headers: { cookie: `sesja=${citizen.token}` } });
    expect(page.status).toBe(200);

    await startRedis();
    // The gateway's connection comes back by itself; the logout made while Redis was away holds.
    await waitUntil(async () => (await service.api('GET', '/api/v1/me', { token: citizen.token })).status === 200 && service.ctx.redis.status === 'ready', 'Redis to be back', 20_000);
    expect((await service.api('GET', '/api/v1/me', { token: otherToken })).status).toBe(401);
  }, 60_000);

  test('when Redis is away for 30 s under a trickle of requests, then every call answers (no 5xx), and every status check accepted is answered exactly once after it is back, without a restart', async () => {
    const startedAt = Date.now();
    const trickle = startTrickle(service, citizen);
    await new Promise((r) => setTimeout(r, 2000));
    await stopRedis();
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, 30_000));
    await startRedis();
    const backAt = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    const { answers, accepted } = await trickle.stop();

    const during = answers.filter((a) => startedAt + a.at >= stoppedAt && startedAt + a.at <= backAt);
    expect(answers.filter((a) => a.status === 0 || a.status >= 500)).toEqual([]);
    expect(Object.keys(tally(answers)).sort()).toEqual(['inbox 200', 'me 200', 'status-check 202']);
    // A trickle, not a pause: calls kept coming (and answering) while Redis was away.
    expect(during.filter((a) => a.call === 'status-check').length).toBeGreaterThan(30);
    // Nothing accepted is lost: the relay queues what the gateway could not, each answered once.
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
    process.stdout.write(`redis 30 s drill: ${answers.length} calls, ${accepted.length} status checks accepted and answered once, none lost, answers complete ${Date.now() - backAt} ms after Redis was back\n`);
  }, 90_000);
});
