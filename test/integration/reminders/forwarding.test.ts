import { linkByKey, officialOfAnotherUnit } from '../../support/cases';
import { caseFromSubmission } from '../../support/citizen-cases';
import { uniqueUnitSymbol, type Staff } from '../../support/office';
import { fileReminder, forwardReminder, listReminders, makeOverdue, serviceWithOfficeAndCitizens } from '../../support/reminders';
import { TestService, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
const { office, applicant, keyHolder, stranger } = serviceWithOfficeAndCitizens(service);
let otherOfficial: Staff;

beforeAll(async () => {
  otherOfficial = await officialOfAnotherUnit(service, uniqueUnitSymbol());
});

const SKO = 'Samorządowe Kolegium Odwoławcze w Pile';
const messagesOf = async (citizen: Citizen) =>
  (await service.api('GET', '/api/v1/inbox?limit=100', { token: citizen.token })).body.items.filter((m: any) => m.kind === 'case_reminder_forwarded');

/** An overdue case of the applicant (the key holder linked too) with a filed ponaglenie. */
async function filedReminder(title: string): Promise<{ number: string; id: string }> {
  const { number } = await caseFromSubmission(service, office, applicant, title);
  await linkByKey(service, number, keyHolder.id);
  await makeOverdue(service, number);
  const res = await fileReminder(service, applicant.token, number);
  if (res.status !== 201) throw new Error(`file: ${res.status} ${JSON.stringify(res.body)}`);
  return { number, id: res.body.id };
}

describe('the office\'s list of ponaglenia', () => {
  test('when the registrar, the admin and the unit\'s official ask, then they see the ponaglenie; an official of another unit does not', async () => {
    const { number, id } = await filedReminder('Wniosek o decyzję środowiskową');
    for (const staff of [office.registrar, office.admin, office.official]) {
      const res = await listReminders(service, staff.token);
      expect(res.status).toBe(200);
      expect(res.body.items.find((r: any) => r.id === id)).toEqual({
        id,
        caseNumber: number,
        filedAt: expect.any(String),
        forwardBy: expect.any(String),
        status: 'filed',
        justification: 'Sprawa trwa już ponad dwa miesiące.',
        forwardedAt: null,
        forwardedTo: null,
        late: false,
      });
    }
    expect((await listReminders(service, otherOfficial.token)).body.items).toEqual([]);
  });

  test('when filtered by status, then only those; newest first; a bad status is 400 and a citizen gets 403', async () => {
    const older = await filedReminder('Wniosek starszy');
    const newer = await filedReminder('Wniosek nowszy');
    expect((await forwardReminder(service, office.registrar.token, older.id)).status).toBe(200);

    const filed = (await listReminders(service, office.registrar.token, '?status=filed')).body.items;
    expect(filed.every((r: any) => r.status === 'filed')).toBe(true);
    expect(filed.map((r: any) => r.id)).toContain(newer.id);
    const forwarded = (await listReminders(service, office.registrar.token, '?status=forwarded')).body.items;
    expect(forwarded.map((r: any) => r.id)).toContain(older.id);
    expect(forwarded.map((r: any) => r.id)).not.toContain(newer.id);

    const all = (await listReminders(service, office.registrar.token)).body.items;
    const filedAts = all.map((r: any) => r.filedAt);
    expect([...filedAts].sort().reverse()).toEqual(filedAts);
    expect(all.findIndex((r: any) => r.id === newer.id)).toBeLessThan(all.findIndex((r: any) => r.id === older.id));

    expect((await listReminders(service, office.registrar.token, '?status=lost')).status).toBe(400);
    expect((await listReminders(service, applicant.token)).status).toBe(403);
  });

  test('when a ponaglenie was not passed on by forwardBy, then it is listed as late', async () => {
    const { id } = await filedReminder('Wniosek zaległy');
    await service.ctx.dataSource.query(`UPDATE case_reminders SET filed_at = now() - interval '8 days', forward_by = now() - interval '1 day' WHERE id = $1`, [id]);
    const listed = (await listReminders(service, office.registrar.token)).body.items.find((r: any) => r.id === id);
    expect(listed.late).toBe(true);
    const forwarded = await forwardReminder(service, office.registrar.token, id);
    expect(forwarded.body.late).toBe(true);
  });
});

describe('passing a ponaglenie on (art. 37 § 4)', () => {
  test('when the registrar forwards it, then 200 with the reminder, and each linked citizen gets exactly one case_reminder_forwarded message; a stranger none', async () => {
    const { number, id } = await filedReminder('Wniosek o pozwolenie na budowę');
    const res = await forwardReminder(service, office.registrar.token, id, `  ${SKO}  `);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, caseNumber: number, status: 'forwarded', forwardedTo: SKO, forwardedAt: expect.any(String), late: false });

    for (const citizen of [applicant, keyHolder]) {
      await waitUntil(async () => (await messagesOf(citizen)).some((m: any) => m.data.reminderId === id), `message to ${citizen.login}`);
      const mine = (await messagesOf(citizen)).filter((m: any) => m.data.reminderId === id);
      expect(mine).toHaveLength(1);
      expect(mine[0].data).toEqual({ caseNumber: number, reminderId: id, forwardedAt: res.body.forwardedAt, forwardedTo: SKO });
      expect(mine[0].subject).toBe(`Ponaglenie w sprawie ${number} zostało przekazane`);
      expect(mine[0].bodyText).toContain(`Przekazano do: ${SKO}`);
      expect(mine[0].bodyText).toContain(`/moje-sprawy/${number}`);
    }
    expect(await messagesOf(stranger)).toHaveLength(0);
  });

  test('when it is forwarded a second time, then 409 already_forwarded and the first forwarding stands', async () => {
    const { id } = await filedReminder('Wniosek o przydział lokalu');
    expect((await forwardReminder(service, office.official.token, id, SKO)).status).toBe(200);
    const again = await forwardReminder(service, office.admin.token, id, 'Wojewoda Wielkopolski');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_forwarded');
    const listed = (await listReminders(service, office.registrar.token)).body.items.find((r: any) => r.id === id);
    expect(listed.forwardedTo).toBe(SKO);
  });

  test('when an official of another unit forwards it, then 403 and it stays filed', async () => {
    const { id } = await filedReminder('Wniosek o zezwolenie na alkohol');
    const res = await forwardReminder(service, otherOfficial.token, id);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect((await listReminders(service, office.registrar.token)).body.items.find((r: any) => r.id === id).status).toBe('filed');
  });

  test('when the ponaglenie does not exist, then 404; a malformed id or forwardedTo, 400; a citizen, 403', async () => {
    const missing = await forwardReminder(service, office.registrar.token, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    expect((await forwardReminder(service, office.registrar.token, 'nie-uuid')).status).toBe(400);
    const { id } = await filedReminder('Wniosek o nadanie numeru');
    for (const forwardedTo of ['  ', 'x'.repeat(201), undefined]) {
      const res = await service.api('POST', `/api/v1/office/reminders/${id}/forward`, { token: office.registrar.token, body: forwardedTo === undefined ? {} : { forwardedTo } });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toContain('forwardedTo');
    }
    expect((await forwardReminder(service, applicant.token, id)).status).toBe(403);
  });

  test('when a ponaglenie has been forwarded, then the citizen may file a new one in the still overdue case', async () => {
    const { number, id } = await filedReminder('Wniosek o ulgę');
    expect((await fileReminder(service, keyHolder.token, number)).body.code).toBe('reminder_pending');
    await forwardReminder(service, office.registrar.token, id);
    expect((await fileReminder(service, keyHolder.token, number)).status).toBe(201);
  });

  test('when a ponaglenie is forwarded, then the audit log records who forwarded it and to whom', async () => {
    const { number, id } = await filedReminder('Wniosek o wpis do ewidencji');
    await forwardReminder(service, office.official.token, id);
    const log = await service.api('GET', `/api/v1/admin/audit?action=reminder.forwarded&actor=${office.official.login}`, { token: office.admin.token });
    expect(log.body.items.find((e: any) => e.subject === number)).toMatchObject({
      actor: office.official.login,
      action: 'reminder.forwarded',
      details: { reminderId: id, forwardedTo: SKO, late: false },
    });
  });
});
