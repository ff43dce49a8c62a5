import { changeCase, officialOfAnotherUnit, openPaperCase } from '../../support/cases';
import { serviceWithOffice, uniqueUnitSymbol } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const db = () => service.ctx.dataSource;
const historyCount = async (number: string) =>
  (await db().query(`SELECT count(*)::int AS n FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.number = $1`, [number]))[0].n;
const statusEvents = async (number: string) =>
  db().query(
    `SELECT o.payload FROM outbox_events o JOIN case_history h ON h.id = (o.payload->>'historyId')::uuid JOIN cases c ON c.id = h.case_id
      WHERE o.job_name = 'inbox.case-status-changed' AND c.number = $1`,
    [number],
  );

describe('changing the status of a case', () => {
  test('when the status changes, then the case, one history row and one notice event (ids only) are written together', async () => {
    const number = await openPaperCase(service, office);
    const res = await changeCase(service, office.official.token, number, { status: 'in_progress', note: 'Rozpoczęto analizę' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'in_progress', statusLabel: 'W toku', endedAt: null });
    expect(res.body.history.at(-1)).toMatchObject({ status: 'in_progress', note: 'Rozpoczęto analizę', changedBy: office.official.login });
    const events = await statusEvents(number);
    expect(events).toHaveLength(1);
    expect(Object.keys(events[0].payload)).toEqual(['historyId']);
  });

  test('when the same status is sent again, then nothing is written and the case answers as it is', async () => {
    const number = await openPaperCase(service, office);
    await changeCase(service, office.official.token, number, { status: 'in_progress' });
    const before = await historyCount(number);
    const res = await changeCase(service, office.official.token, number, { status: 'in_progress' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('in_progress');
    expect(await historyCount(number)).toBe(before);
    expect(await statusEvents(number)).toHaveLength(1);
  });

  test('when only a note is sent, then a history row with the current status keeps it, and no status notice is sent', async () => {
    const number = await openPaperCase(service, office);
    const res = await changeCase(service, office.official.token, number, { note: 'Telefon od wnioskodawcy' });
    expect(res.status).toBe(200);
    expect(res.body.history.at(-1)).toMatchObject({ status: 'registered', note: 'Telefon od wnioskodawcy', changedBy: office.official.login });
    expect(await historyCount(number)).toBe(2);
    expect(await statusEvents(number)).toHaveLength(0);
  });

  test.each(['resolved', 'transferred', 'discontinued'])('when a case becomes %s, then endedAt is set and every later change is 409 case_closed', async (status) => {
    const number = await openPaperCase(service, office);
    const closed = await changeCase(service, office.official.token, number, { status, note: 'Decyzja doręczona' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe(status);
    expect(closed.body.endedAt).toBe(closed.body.history.at(-1).changedAt);
    expect(closed.body.overdue).toBe(false);

    for (const body of [{ status: 'in_progress' }, { status }, { note: 'Jeszcze jedno' }, { dueAt: '2099-01-01T00:00:00.000Z', reason: 'Opinia biegłego' }]) {
      const res = await changeCase(service, office.admin.token, number, body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('case_closed');
    }
    const after = await service.api('GET', `/api/v1/office/cases/${number}`, { token: office.admin.token });
    expect(after.body).toEqual(closed.body);
  });
});

describe('the responsible official', () => {
  test('when set to an active official of the unit, then the case shows them; null clears it', async () => {
    const number = await openPaperCase(service, office);
    const set = await changeCase(service, office.official.token, number, { responsibleLogin: office.official.login.toUpperCase() });
    expect(set.status).toBe(200);
    expect(set.body.responsiblePerson).toEqual({ firstName: 'Olga', lastName: 'Referent' });
    expect(set.body.status).toBe('registered');
    const cleared = await changeCase(service, office.admin.token, number, { responsibleLogin: null });
    expect(cleared.body.responsiblePerson).toBeNull();
  });

  test('when the login is unknown or not an official, then 404; an official of another unit, then 400', async () => {
    const number = await openPaperCase(service, office);
    expect((await changeCase(service, office.official.token, number, { responsibleLogin: 'nikt.taki' })).status).toBe(404);
    expect((await changeCase(service, office.official.token, number, { responsibleLogin: office.registrar.login })).status).toBe(404);
    const other = await officialOfAnotherUnit(service, uniqueUnitSymbol());
    const res = await changeCase(service, office.official.token, number, { responsibleLogin: other.login, status: 'in_progress' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'responsibleLogin', message: expect.any(String) }]);
    // The refused request changed nothing, not even its status part.
    const [row] = await db().query(`SELECT status, responsible_id FROM cases WHERE number = $1`, [number]);
    expect(row).toEqual({ status: 'registered', responsible_id: null });
  });
});

describe('the body of a change', () => {
  test.each([
    [{}, 'body'],
    [{ status: 'closed' }, 'status'],
    [{ colour: 'red' }, 'colour'],
    [{ reason: 'Bez terminu' }, 'reason'],
    [{ dueAt: '2099-01-01T00:00:00.000Z' }, 'reason'],
    [{ dueAt: 'jutro', reason: 'Opinia biegłego' }, 'dueAt'],
    [{ note: '   ' }, 'note'],
  ])('when the body is %j, then 400 validation_failed on %s', async (body, field) => {
    const number = await openPaperCase(service, office);
    const res = await changeCase(service, office.official.token, number, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
  });
});
