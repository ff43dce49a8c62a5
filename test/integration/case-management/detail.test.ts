import { changeCase, openPaperCase } from '../../support/cases';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

describe('one case with its history', () => {
  test('when a case was opened and changed, then the detail has its summary and history oldest first with the logins of who changed it', async () => {
    const number = await openPaperCase(service, office, { title: 'Decyzja o warunkach zabudowy' });
    await changeCase(service, office.official.token, number, { status: 'in_progress', note: 'Przekazano do referenta' });
    await changeCase(service, office.admin.token, number, { status: 'awaiting_applicant', note: 'Brak mapy zasadniczej' });
    // A history row written by the system (no staff member) shows changedBy null.
    await service.ctx.dataSource.query(
      `INSERT INTO case_history (case_id, status, note, changed_at, changed_by) SELECT id, status, 'Import z systemu EZD', now() + interval '1 second', NULL FROM cases WHERE number = $1`,
      [number],
    );

    const res = await service.api('GET', `/api/v1/office/cases/${encodeURIComponent(`  ${number.toLowerCase()} `)}`, { token: office.registrar.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number, title: 'Decyzja o warunkach zabudowy', status: 'awaiting_applicant', statusLabel: 'Oczekuje na uzupełnienie', endedAt: null });
    expect(res.body.history).toEqual([
      { status: 'registered', note: 'Sprawa zarejestrowana', changedAt: expect.any(String), changedBy: office.registrar.login },
      { status: 'in_progress', note: 'Przekazano do referenta', changedAt: expect.any(String), changedBy: office.official.login },
      { status: 'awaiting_applicant', note: 'Brak mapy zasadniczej', changedAt: expect.any(String), changedBy: office.admin.login },
      { status: 'awaiting_applicant', note: 'Import z systemu EZD', changedAt: expect.any(String), changedBy: null },
    ]);
    const times = res.body.history.map((h: any) => Date.parse(h.changedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBe(Date.parse(res.body.startedAt));
  });

  test('when the number is unknown, then 404 not_found', async () => {
    const res = await service.api('GET', `/api/v1/office/cases/${office.unitSymbol}.6840.9999.2026`, { token: office.official.token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  test('when the PATCH answers, then it is the same as GET detail', async () => {
    const number = await openPaperCase(service, office);
    const patched = await changeCase(service, office.official.token, number, { status: 'in_progress' });
    const read = await service.api('GET', `/api/v1/office/cases/${number}`, { token: office.official.token });
    expect(patched.body).toEqual(read.body);
  });
});
