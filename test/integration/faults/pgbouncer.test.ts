// The service behind PgBouncer in transaction mode: set before any module reads the configuration.
process.env.DATABASE_PREPARED_STATEMENTS = 'false';
// One citizen sends them all.
process.env.RATE_LIMIT_STATUS_CHECKS = '100000';

import { execFileSync } from 'node:child_process';
import type * as CitizenCasesModule from '../../support/citizen-cases';
import { freePort } from '../../support/ports';
import { PrivatePgBouncer } from '../../support/private-pgbouncer';
import type * as TestServiceModule from '../../support/test-service';
import type * as WaitModule from '../../support/wait';

let bouncer: PrivatePgBouncer;
let service: TestServiceModule.TestService;
let citizen: TestServiceModule.Citizen;

const hasPgBouncer = (() => {
  try {
    execFileSync('pgbouncer', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  if (!hasPgBouncer) throw new Error('pgbouncer is not installed (.ci/run installs Debian\'s package)');
  // This file's own database (per-file-database.ts made it), reached through PgBouncer.
  const direct = new URL(process.env.DATABASE_URL!);
  bouncer = new PrivatePgBouncer(await freePort(), { host: direct.hostname, port: Number(direct.port || 5432) });
  await bouncer.start();
  direct.port = String(bouncer.port);
  process.env.DATABASE_URL = direct.toString();
  const { TestService } = require('../../support/test-service') as typeof TestServiceModule;
  service = new TestService();
  await service.start();
  citizen = await service.citizen();
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await bouncer?.stop();
});

describe('behind PgBouncer in transaction mode (DATABASE_PREPARED_STATEMENTS=false)', () => {
  test('when 120 status checks arrive at once, then every one is accepted (no 500) and answered exactly once', async () => {
    expect(service.ctx.config.databaseUrl).toContain(`:${bouncer.port}/`);
    expect(service.ctx.config.databasePreparedStatements).toBe(false);
    const { checkStatus, awaitAnswer } = require('../../support/citizen-cases') as typeof CitizenCasesModule;
    const { waitUntil } = require('../../support/wait') as typeof WaitModule;
    const count = 120;
    const accepted = await Promise.all(Array.from({ length: count }, (_, i) => checkStatus(service, citizen.token, `PB.1.${i + 1}.2026`)));
    expect(accepted).toHaveLength(count);
    await waitUntil(async () => {
      const [{ n }] = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM status_checks WHERE user_id = $1 AND status = 'delivered'`, [citizen.id]);
      return n === count;
    }, 'every answer', 30_000);
    const [{ messages }] = await service.ctx.dataSource.query(`SELECT count(*)::int AS messages FROM messages WHERE user_id = $1 AND kind = 'case_status'`, [citizen.id]);
    expect(messages).toBe(count);
    await awaitAnswer(service, citizen.token, accepted[0].id);
  }, 60_000);
});
