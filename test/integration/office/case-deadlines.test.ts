import { dueAtFor } from '../../../services/cases/kpa-deadline';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const open = (extra: Record<string, unknown>) =>
  service.api('POST', '/api/v1/office/cases', {
    token: office.registrar.token,
    body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Termin', applicant: { firstName: 'Jan', lastName: 'Nowak' }, ...extra },
  });

/** The end of a Warsaw local day as an ISO instant ends with 59:59.999 local, i.e. :59:59.999Z in UTC. */
const endsALocalDay = (iso: string) => /T2[12]:59:59\.999Z$/.test(iso);

describe('the KPA deadline of a new case (art. 35, 57)', () => {
  test.each([7, 14, 30, 60])('when deadlineDays is %i, then dueAt is the end of the working day the days end on, and stored with the term', async (days) => {
    const res = await open({ deadlineDays: days });
    expect(res.status).toBe(201);
    expect(res.body.dueAt).toBe(dueAtFor(new Date(res.body.startedAt), { days }).toISOString());
    expect(endsALocalDay(res.body.dueAt)).toBe(true);
    const [row] = await service.ctx.dataSource.query(`SELECT deadline_days, deadline_months, due_at FROM cases WHERE id = $1`, [res.body.id]);
    expect(row).toMatchObject({ deadline_days: days, deadline_months: null });
    expect(row.due_at.toISOString()).toBe(res.body.dueAt);
  });

  test.each([1, 2])('when deadlineMonths is %i, then dueAt is that many months on, moved off a non-working day', async (months) => {
    const res = await open({ deadlineMonths: months });
    expect(res.status).toBe(201);
    expect(res.body.dueAt).toBe(dueAtFor(new Date(res.body.startedAt), { months }).toISOString());
    const [row] = await service.ctx.dataSource.query(`SELECT deadline_days, deadline_months FROM cases WHERE id = $1`, [res.body.id]);
    expect(row).toEqual({ deadline_days: null, deadline_months: months });
  });

  test('when no term is given, then it is one month (art. 35 §3)', async () => {
    const res = await open({});
    expect(res.body.dueAt).toBe(dueAtFor(new Date(res.body.startedAt), { months: 1 }).toISOString());
  });

  test('when both a term in days and one in months are given, then 400 on deadlineMonths', async () => {
    const res = await open({ deadlineDays: 30, deadlineMonths: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toContain('deadlineMonths');
  });

  test.each([10, 0, -7, '30', 30.5])('when deadlineDays is %p, then 400 on deadlineDays', async (days) => {
    const res = await open({ deadlineDays: days });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toContain('deadlineDays');
  });

  test.each([3, 0, '1', 1.5])('when deadlineMonths is %p, then 400 on deadlineMonths', async (months) => {
    const res = await open({ deadlineMonths: months });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toContain('deadlineMonths');
  });
});
