import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const DAY = 24 * 3600 * 1000;
const open = (extra: Record<string, unknown>) =>
  service.api('POST', '/api/v1/office/cases', {
    token: office.registrar.token,
    body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Termin', applicant: { firstName: 'Jan', lastName: 'Nowak' }, ...extra },
  });

describe('the KPA deadline of a new case', () => {
  test.each([7, 14, 30, 60])('when deadlineDays is %i, then dueAt is startedAt plus that many days', async (days) => {
    const res = await open({ deadlineDays: days });
    expect(res.status).toBe(201);
    expect(Date.parse(res.body.dueAt) - Date.parse(res.body.startedAt)).toBe(days * DAY);
    const [row] = await service.ctx.dataSource.query(`SELECT deadline_days, due_at, started_at FROM cases WHERE id = $1`, [res.body.id]);
    expect(row.deadline_days).toBe(days);
    expect(row.due_at.toISOString()).toBe(res.body.dueAt);
  });

  test('when deadlineDays is left out, then it is 30', async () => {
    const res = await open({});
    expect(Date.parse(res.body.dueAt) - Date.parse(res.body.startedAt)).toBe(30 * DAY);
  });

  test.each([10, 0, -7, '30', 30.5])('when deadlineDays is %p, then 400 on deadlineDays', async (days) => {
    const res = await open({ deadlineDays: days });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toContain('deadlineDays');
  });
});
