// This file's service runs on a private PostgreSQL primary with a streaming replica of its own
// (pg_basebackup -R, Debian's binaries), set before any module reads the configuration.
import { Client } from 'pg';
import type * as MigrateModule from '../../../services/cli/migrate';
import type * as MetricsModule from '../../../services/shared/metrics';
import type * as CitizenCasesModule from '../../support/citizen-cases';
import type * as OfficeModule from '../../support/office';
import { startPrivatePostgres, type PrivatePostgres } from '../../support/private-postgres';
import type * as TestServiceModule from '../../support/test-service';
import type * as WaitModule from '../../support/wait';

// Statement counters on both servers: the replica's own say which reads it served.
const SETTINGS = ['shared_preload_libraries=pg_stat_statements'];

let primary: PrivatePostgres;
let replica: PrivatePostgres;
let service: TestServiceModule.TestService;
let office: OfficeModule.Office;
let citizen: TestServiceModule.Citizen;
let waitUntil: typeof WaitModule.waitUntil;
let flows: typeof CitizenCasesModule;
let metrics: typeof MetricsModule;

async function onServer<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** How often the replica ran each kind of read the service sends it (0 when it ran none). */
async function replicaReads(): Promise<{ inbox: number; caseList: number; caseCounts: number; writes: number }> {
  const rows = await onServer<{ query: string; calls: string }>(replica.url('drill'), `SELECT query, calls FROM pg_stat_statements`);
  const calls = (pattern: RegExp) => rows.filter((r) => pattern.test(r.query)).reduce((n, r) => n + Number(r.calls), 0);
  return {
    inbox: calls(/FROM "messages" "m"/),
    caseList: calls(/FROM cases c\b[\s\S]*ORDER BY/i),
    caseCounts: calls(/GROUP BY/i),
    writes: calls(/^\s*(INSERT|UPDATE|DELETE)/i),
  };
}

/** The reads that may go to a replica, through the API and the pages; each must answer 200. */
async function readEverything(): Promise<number[]> {
  const html = (path: string, token: string) => fetch(`${service.baseUrl}${path}`, { headers: { cookie: `sesja=${token}`, accept: 'text/html' } }).then((r) => r.status);
  return [
    (await service.api('GET', '/api/v1/inbox', { token: citizen.token })).status,
    (await service.api('GET', '/api/v1/cases', { token: citizen.token })).status,
    (await service.api('GET', '/api/v1/office/cases', { token: office.official.token })).status,
    (await service.api('GET', '/api/v1/office/case-counts', { token: office.official.token })).status,
    await html('/skrzynka', citizen.token),
    await html('/moje-sprawy', citizen.token),
    await html('/urzad/sprawy', office.official.token),
  ];
}

/** Opens a case from the citizen's submission, asks for its status, and waits for the answer in the inbox. */
async function openCaseAndCheckStatus(title: string): Promise<void> {
  const opened = await flows.caseFromSubmission(service, office, citizen, title);
  const asked = await flows.checkStatus(service, citizen.token, opened.number);
  const { message } = await flows.awaitAnswer(service, citizen.token, asked.id, 20_000);
  expect(message.bodyText).toContain(opened.number);
}

async function fallbacks(): Promise<number> {
  return (await metrics.replicaReadFallbacks.get()).values[0]?.value ?? 0;
}

beforeAll(async () => {
  primary = await startPrivatePostgres({ settings: SETTINGS });
  await onServer(primary.url(), 'CREATE DATABASE drill');
  await onServer(primary.url('drill'), 'CREATE EXTENSION pg_stat_statements');
  const { migrate } = require('../../../services/cli/migrate') as typeof MigrateModule;
  await migrate(primary.url('drill'));
  replica = await startPrivatePostgres({ replicaOf: primary, settings: SETTINGS });
  process.env.DATABASE_URL = primary.url('drill');
  process.env.DATABASE_REPLICA_URLS = replica.url('drill');
  const { TestService } = require('../../support/test-service') as typeof TestServiceModule;
  const { createOffice } = require('../../support/office') as typeof OfficeModule;
  ({ waitUntil } = require('../../support/wait') as typeof WaitModule);
  flows = require('../../support/citizen-cases') as typeof CitizenCasesModule;
  metrics = require('../../../services/shared/metrics') as typeof MetricsModule;
  service = new TestService();
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
}, 90_000);
afterAll(async () => {
  await service?.stop().catch(() => undefined);
  replica?.remove();
  primary?.remove();
});

describe('a PostgreSQL streaming replica (DATABASE_REPLICA_URLS)', () => {
  test('when the replica streams, then case opening and status checks work end to end, and the lists and counts are read on the replica', async () => {
    expect(service.ctx.config.databaseReplicaUrls).toEqual([replica.url('drill')]);
    const [{ standby }] = await onServer<{ standby: boolean }>(replica.url('drill'), 'SELECT pg_is_in_recovery() AS standby');
    expect(standby).toBe(true);

    await openCaseAndCheckStatus('Wniosek przy replice');
    // The replica has caught up with the answer: the citizen's inbox list, read there, shows it.
    await waitUntil(async () => (await service.api('GET', '/api/v1/inbox', { token: citizen.token })).body.items.some((m: { kind: string }) => m.kind === 'case_status'), 'the answer in the inbox list', 10_000);
    expect(await readEverything()).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const cases = await service.api('GET', '/api/v1/cases', { token: citizen.token });
    expect(cases.body.items.map((c: { title: string }) => c.title)).toContain('Wniosek przy replice');

    const served = await replicaReads();
    expect(served.inbox).toBeGreaterThan(0);
    expect(served.caseList).toBeGreaterThan(0);
    expect(served.caseCounts).toBeGreaterThan(0);
    expect(served.writes).toBe(0);
    expect(await fallbacks()).toBe(0);
  }, 60_000);

  test('when the replica stops, then the same reads fall back to the primary (no 500) and the flows go on; when it is back, reads return to it', async () => {
    replica.stop();
    const before = await fallbacks();
    expect(await readEverything()).toEqual([200, 200, 200, 200, 200, 200, 200]);
    await openCaseAndCheckStatus('Wniosek bez repliki');
    expect(await readEverything()).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(await fallbacks()).toBeGreaterThan(before);

    replica.start();
    // Counted from here: once the pause after the failure is over, reads go to the replica again.
    await onServer(replica.url('drill'), 'SELECT pg_stat_statements_reset()');
    expect((await replicaReads()).inbox).toBe(0);
    await waitUntil(
      async () => {
        expect(await readEverything()).toEqual([200, 200, 200, 200, 200, 200, 200]);
        return (await replicaReads()).inbox > 0;
      },
      'reads on the replica again',
      30_000,
      500,
    );
  }, 90_000);
});
