import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
let office: Office;
let citizen: Citizen;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
});
afterAll(() => service.stop());

describe('two registrars opening a case from the same submission', () => {
  test('when five requests race, then one case is opened, the rest get 409 submission_already_registered, and no number is lost', async () => {
    const sub = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Wniosek', content: 'Treść', requestAccessKey: true } });
    const open = (body: Record<string, unknown>) =>
      service.api('POST', '/api/v1/office/cases', { token: office.registrar.token, body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Wyścig', ...body } });
    const results = await Promise.all(Array.from({ length: 5 }, () => open({ submissionId: sub.body.id })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.code).toBe('submission_already_registered');
    const winner = results.find((r) => r.status === 201)!;
    expect(winner.body.number.split('.')[2]).toBe('1');
    const next = await open({ applicant: { firstName: 'Jan', lastName: 'Nowak' } });
    expect(next.body.number.split('.')[2]).toBe('2');

    await waitUntil(async () => {
      const inbox = await service.api('GET', '/api/v1/inbox', { token: citizen.token });
      return inbox.body.items.some((m: any) => m.kind === 'case_opened');
    }, 'the case_opened message');
    const rows = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM messages WHERE user_id = $1 AND kind = 'case_opened'`, [citizen.id]);
    expect(rows[0].n).toBe(1);
  });
});
