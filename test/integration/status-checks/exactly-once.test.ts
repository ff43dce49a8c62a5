// Many requests from one citizen: the limit must be in the environment before any module reads the configuration.
process.env.RATE_LIMIT_STATUS_CHECKS = '100000';

import type * as CitizenCasesModule from '../../support/citizen-cases';
import type * as TestServiceModule from '../../support/test-service';
import type * as WaitModule from '../../support/wait';
import type * as StatusCheckServiceModule from '../../../services/status-checks/status-check.service';

const { TestService } = require('../../support/test-service') as typeof TestServiceModule;
const { awaitAnswer, checkStatus } = require('../../support/citizen-cases') as typeof CitizenCasesModule;
const { waitUntil } = require('../../support/wait') as typeof WaitModule;
const { StatusCheckService } = require('../../../services/status-checks/status-check.service') as typeof StatusCheckServiceModule;

const service = new TestService();
let citizen: TestServiceModule.Citizen;

beforeAll(async () => {
  await service.start();
  citizen = await service.citizen();
});
afterAll(() => service.stop());

const delivered = async (userId: string): Promise<number> =>
  (await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM status_checks WHERE user_id = $1 AND status = 'delivered'`, [userId]))[0].n;

describe('exactly one answer per status check', () => {
  test('when the workers are stopped in the middle of 200 requests and started again, then every request gets exactly one message', async () => {
    const ids: string[] = [];
    let whileStopped = -1;
    for (let batch = 0; batch < 10; batch++) {
      const accepted = await Promise.all(Array.from({ length: 20 }, (_, i) => checkStatus(service, citizen.token, `EX.1.${batch * 20 + i + 1}.2026`)));
      ids.push(...accepted.map((a) => a.id));
      if (batch === 2) {
        // Stop while jobs are in flight; the rest of the requests arrive with no worker running.
        await service.stopWorkers();
        whileStopped = await delivered(citizen.id);
      }
    }
    expect(whileStopped).toBeLessThan(200);
    await service.startWorkers();
    await waitUntil(async () => (await delivered(citizen.id)) === 200, 'all 200 answers', 30_000);

    const messages: Array<{ request_id: string; n: number }> = await service.ctx.dataSource.query(
      `SELECT data->>'requestId' AS request_id, count(*)::int AS n FROM messages WHERE user_id = $1 AND kind = 'case_status' GROUP BY 1`,
      [citizen.id],
    );
    expect(messages).toHaveLength(200);
    expect(messages.every((m) => m.n === 1)).toBe(true);
    expect(new Set(messages.map((m) => m.request_id))).toEqual(new Set(ids));
    const links = await service.ctx.dataSource.query(
      `SELECT count(DISTINCT s.message_id)::int AS n FROM status_checks s JOIN messages m ON m.id = s.message_id
        WHERE s.user_id = $1 AND m.event_key = 'status-check:' || s.id`,
      [citizen.id],
    );
    expect(links[0].n).toBe(200);
  });

  test('when the request is recorded but cannot be queued (Redis down for the producer), then it is still accepted and the relay gets it answered', async () => {
    const broken = {
      prefix: service.ctx.producer.prefix,
      enqueue: async () => {
        throw new Error('Connection is closed.');
      },
    };
    const gateway = new StatusCheckService({ ...service.ctx, producer: broken as never });
    const accepted = await gateway.request(citizen.id, 'RELAY.1.1.2026');
    expect(accepted.status).toBe('queued');
    const { message } = await awaitAnswer(service, citizen.token, accepted.id, 15_000);
    expect(message.data).toEqual({ requestId: accepted.id, caseNumber: 'RELAY.1.1.2026', found: false });
  });
});
