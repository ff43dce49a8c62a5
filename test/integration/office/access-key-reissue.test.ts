import { accessKeyHash } from '../../../services/cases/access-keys';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const CROCKFORD_KEY = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

async function keysOf(caseId: string): Promise<Array<{ key_hash: string; revoked_at: Date | null }>> {
  return service.ctx.dataSource.query(`SELECT key_hash, revoked_at FROM access_keys WHERE case_id = $1 ORDER BY created_at`, [caseId]);
}

describe('POST /api/v1/office/cases/:number/access-key', () => {
  test('when the registrar issues a new key, then 201 gives it, it is the one live key and the old one is revoked', async () => {
    const opened = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Klucz', applicant: { firstName: 'Jan', lastName: 'Nowak' }, issueAccessKey: true },
    });
    const oldKey = opened.body.accessKey;

    const res = await service.api('POST', `/api/v1/office/cases/${opened.body.number}/access-key`, { token: office.registrar.token });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ accessKey: expect.stringMatching(CROCKFORD_KEY) });
    expect(res.body.accessKey).not.toBe(oldKey);

    const keys = await keysOf(opened.body.id);
    expect(keys.filter((k) => k.revoked_at === null).map((k) => k.key_hash)).toEqual([accessKeyHash(res.body.accessKey)]);
    expect(keys.find((k) => k.key_hash === accessKeyHash(oldKey))?.revoked_at).toBeInstanceOf(Date);
  });

  test('when a case had no key and the number is typed in small letters, then it gets its first key', async () => {
    const opened = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Bez klucza', applicant: { firstName: 'Jan', lastName: 'Nowak' } },
    });
    const res = await service.api('POST', `/api/v1/office/cases/${opened.body.number.toLowerCase()}/access-key`, { token: office.registrar.token });
    expect(res.status).toBe(201);
    expect((await keysOf(opened.body.id)).map((k) => [k.key_hash, k.revoked_at])).toEqual([[accessKeyHash(res.body.accessKey), null]]);
  });

  test('when keys are issued for one case several times at once, then exactly one is live', async () => {
    const opened = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Naraz', applicant: { firstName: 'Jan', lastName: 'Nowak' }, issueAccessKey: true },
    });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => service.api('POST', `/api/v1/office/cases/${opened.body.number}/access-key`, { token: office.registrar.token })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(201));
    const keys = await keysOf(opened.body.id);
    expect(keys).toHaveLength(6);
    expect(keys.filter((k) => k.revoked_at === null)).toHaveLength(1);
  });

  test('when the case number is unknown, then 404 not_found', async () => {
    const res = await service.api('POST', `/api/v1/office/cases/${office.unitSymbol}.6840.999.2026/access-key`, { token: office.registrar.token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  test('when an official asks for a key, then 403 forbidden', async () => {
    const res = await service.api('POST', `/api/v1/office/cases/${office.unitSymbol}.6840.1.2026/access-key`, { token: office.official.token });
    expect(res.status).toBe(403);
  });
});

describe('a key issued at the counter before the "case opened" notice is delivered', () => {
  test('when the citizen asked for a key in the submission and the registrar issued one first, then the notice brings no new key and the registrar\'s key stays live', async () => {
    await service.startWorkers();
    const citizen = await service.citizen();
    await service.stopWorkers();
    const sub = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Wniosek', content: 'Treść', requestAccessKey: true } });
    const opened = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Z ESP', submissionId: sub.body.id },
    });
    expect(opened.status).toBe(201);
    const atCounter = await service.api('POST', `/api/v1/office/cases/${opened.body.number}/access-key`, { token: office.registrar.token });
    expect(atCounter.status).toBe(201);

    await service.startWorkers();
    const notice = async () =>
      (await service.ctx.dataSource.query(`SELECT data FROM messages WHERE user_id = $1 AND kind = 'case_opened'`, [citizen.id])) as Array<{ data: Record<string, unknown> }>;
    await waitUntil(async () => (await notice()).length === 1, 'the case_opened message');
    const [message] = await notice();
    expect(message.data.caseNumber).toBe(opened.body.number);
    expect(message.data).not.toHaveProperty('accessKey');
    expect((await keysOf(opened.body.id)).map((k) => [k.key_hash, k.revoked_at])).toEqual([[accessKeyHash(atCounter.body.accessKey), null]]);
  });
});
