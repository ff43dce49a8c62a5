import { previousLogLevel } from '../../support/trace-logging';
import pino from 'pino';
import { logger } from '../../../services/shared/logger';
import { createOffice, type Office } from '../../support/office';
import { redisValues } from '../../support/redis-values';
import { TestService, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
let office: Office;
let citizen: Citizen;
const logged: string[] = [];

beforeAll(async () => {
  // Every log line of the gateway, the workers and the relay goes through this stream.
  const stream = (logger as unknown as Record<symbol, { write(chunk: string): boolean }>)[pino.symbols.streamSym];
  jest.spyOn(stream, 'write').mockImplementation((chunk: string) => {
    logged.push(String(chunk));
    return true;
  });
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
});
afterAll(async () => {
  await service.stop();
  jest.restoreAllMocks();
  if (previousLogLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = previousLogLevel;
});

async function textOfTable(table: string): Promise<string> {
  const rows: Array<{ t: string }> = await service.ctx.dataSource.query(`SELECT t::text AS t FROM ${table} t`);
  return rows.map((r) => r.t).join('\n');
}

describe('an access key is never stored or logged in clear', () => {
  test('when keys are issued on paper, reissued and made for a submission, then no table, Redis value or log line holds one', async () => {
    const keys: string[] = [];
    const paper = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Papier', applicant: { firstName: 'Jan', lastName: 'Nowak' }, issueAccessKey: true },
    });
    keys.push(paper.body.accessKey);
    const again = await service.api('POST', `/api/v1/office/cases/${paper.body.number}/access-key`, { token: office.registrar.token });
    keys.push(again.body.accessKey);

    const sub = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'ESP', content: 'Treść', requestAccessKey: true } });
    const fromEsp = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Z ESP', submissionId: sub.body.id },
    });
    expect(fromEsp.status).toBe(201);
    let notice: any;
    await waitUntil(async () => {
      const inbox = await service.api('GET', '/api/v1/inbox', { token: citizen.token });
      notice = inbox.body.items.find((m: any) => m.kind === 'case_opened');
      return notice !== undefined;
    }, 'the case_opened message');
    keys.push(notice.data.accessKey);
    // Let the "new message" e-mail job run too, so that its logs and Redis data are included.
    await waitUntil(() => service.mail.to(citizen.email).length >= 4, 'the new-message e-mails');

    expect(keys).toHaveLength(3);
    for (const key of keys) expect(key).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const haystacks = {
      access_keys: await textOfTable('access_keys'),
      outbox_events: await textOfTable('outbox_events'),
      audit_entries: await textOfTable('audit_entries'),
      redis: (await redisValues(service.ctx.redis, service.ctx.producer.prefix)).join('\n'),
      logs: logged.join(''),
      mails: JSON.stringify(service.mail.mails),
    };
    expect(haystacks.logs.length).toBeGreaterThan(1000); // the capture did see the logs
    expect(haystacks.redis).toContain(fromEsp.body.id); // and the jobs in Redis
    for (const key of keys) {
      for (const form of [key, key.replace(/-/g, ''), key.toLowerCase(), key.replace(/-/g, '').toLowerCase()]) {
        for (const [where, text] of Object.entries(haystacks)) {
          expect({ where, found: text.includes(form) }).toEqual({ where, found: false });
        }
      }
    }
  });
});
