import { changeCase, officialOfAnotherUnit, openPaperCase } from '../../support/cases';
import { createOffice, uniqueUnitSymbol, type Office } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
let office: Office;
let number: string;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  number = await openPaperCase(service, office);
});
afterAll(() => service.stop());

describe('who may see and change cases', () => {
  test('when a registrar, an official or an admin lists cases or reads one, then 200', async () => {
    for (const staff of [office.registrar, office.official, office.admin]) {
      expect((await service.api('GET', '/api/v1/office/cases', { token: staff.token })).status).toBe(200);
      expect((await service.api('GET', `/api/v1/office/cases/${number}`, { token: staff.token })).status).toBe(200);
    }
  });

  test('when a citizen lists cases or reads one, then 403 forbidden; without a token, 401', async () => {
    const citizen = await service.citizen();
    const list = await service.api('GET', '/api/v1/office/cases', { token: citizen.token });
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('forbidden');
    expect((await service.api('GET', `/api/v1/office/cases/${number}`, { token: citizen.token })).status).toBe(403);
    expect((await changeCase(service, citizen.token, number, { status: 'in_progress' })).status).toBe(403);
    expect((await service.api('GET', '/api/v1/office/cases')).status).toBe(401);
  });

  test('when the registrar changes a case, then 403 forbidden and nothing changes', async () => {
    const res = await changeCase(service, office.registrar.token, number, { status: 'in_progress' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    const [row] = await service.ctx.dataSource.query(`SELECT status FROM cases WHERE number = $1`, [number]);
    expect(row.status).toBe('registered');
  });

  test('when an official of another unit changes the case, then 403 forbidden and nothing changes', async () => {
    const other = await officialOfAnotherUnit(service, uniqueUnitSymbol());
    const res = await changeCase(service, other.token, number, { status: 'in_progress' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    const [row] = await service.ctx.dataSource.query(`SELECT status FROM cases WHERE number = $1`, [number]);
    expect(row.status).toBe('registered');
  });

  test('when the official of the unit or an admin changes the case, then 200', async () => {
    const byOfficial = await changeCase(service, office.official.token, number, { status: 'in_progress' });
    expect(byOfficial.status).toBe(200);
    expect(byOfficial.body.status).toBe('in_progress');
    const byAdmin = await changeCase(service, office.admin.token, number, { status: 'awaiting_applicant' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.status).toBe('awaiting_applicant');
  });

  test('when anyone allowed changes an unknown case, then 404 not_found', async () => {
    const res = await changeCase(service, office.admin.token, `${office.unitSymbol}.6840.999.2026`, { status: 'in_progress' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
