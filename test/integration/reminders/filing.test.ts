import { createStaffAccount } from '../../../services/accounts/staff-accounts';
import { linkByKey, openPaperCase } from '../../support/cases';
import { caseFromSubmission } from '../../support/citizen-cases';
import { fileReminder, listReminders, makeOverdue, serviceWithOfficeAndCitizens } from '../../support/reminders';
import { TestService } from '../../support/test-service';
import { sleep } from '../../support/wait';

const service = new TestService();
const { office, applicant, keyHolder, stranger } = serviceWithOfficeAndCitizens(service);

const UNIT_EMAIL = 'gn@urzad.example';
const DAY_MS = 24 * 60 * 60 * 1000;

async function overdueCase(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { number } = await caseFromSubmission(service, office, applicant, title);
  if (Object.keys(extra).length) await service.ctx.dataSource.query(`UPDATE cases SET responsible_id = $2 WHERE number = $1`, [number, extra.responsibleId]);
  await makeOverdue(service, number);
  return number;
}

describe('filing a ponaglenie (KPA art. 37)', () => {
  test('when a citizen linked to an overdue case files one, then 201 with forwardBy 7 days after filedAt, and the unit is e-mailed since the official has no address of their own', async () => {
    const number = await overdueCase('Wniosek o pozwolenie na wycinkę drzewa');
    const res = await fileReminder(service, applicant.token, number, '  Sprawa trwa już trzeci miesiąc, a termin minął.  ');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), filedAt: expect.any(String), forwardBy: expect.any(String) });
    expect(new Date(res.body.forwardBy).getTime() - new Date(res.body.filedAt).getTime()).toBe(7 * DAY_MS);
    expect(Math.abs(new Date(res.body.filedAt).getTime() - Date.now())).toBeLessThan(60_000);

    const mail = await service.mail.waitFor(UNIT_EMAIL, new RegExp(`Ponaglenie w sprawie ${number.replace(/\./g, '\\.')}`));
    expect(mail.text).toContain(`Znak sprawy: ${number}`);
    expect(mail.text).toContain('Wniosek o pozwolenie na wycinkę drzewa');
    expect(mail.text).toContain('/urzad/ponaglenia');
    expect(service.mail.to(`${office.official.login}@staff.invalid`)).toHaveLength(0);

    const listed = (await listReminders(service, office.registrar.token)).body.items.find((r: any) => r.id === res.body.id);
    expect(listed).toMatchObject({ caseNumber: number, status: 'filed', justification: 'Sprawa trwa już trzeci miesiąc, a termin minął.', forwardedAt: null, forwardedTo: null, late: false });
  });

  test('when the responsible official has an e-mail address of their own, then the e-mail goes to them and not to the unit', async () => {
    const [{ id: unitId }] = await service.ctx.dataSource.query(`SELECT id FROM units WHERE symbol = $1`, [office.unitSymbol]);
    const email = `olga.nowa.${Date.now()}@urzad.example`;
    const { id } = await createStaffAccount(service.ctx.dataSource.manager, {
      login: `olga.${Date.now()}`, password: 'Bardzo-Tajne-Haslo-Olgi', firstName: 'Olga', lastName: 'Nowa', role: 'official', unitId, email,
    });
    const number = await overdueCase('Wniosek o dodatek mieszkaniowy', { responsibleId: id });
    const unitMailsBefore = service.mail.to(UNIT_EMAIL).length;

    expect((await fileReminder(service, applicant.token, number)).status).toBe(201);
    const mail = await service.mail.waitFor(email, /Ponaglenie w sprawie/);
    expect(mail.text).toContain('Dzień dobry Olga,');
    expect(mail.text).toContain(number);
    await sleep(200);
    expect(service.mail.to(UNIT_EMAIL)).toHaveLength(unitMailsBefore);
  });

  test('when a ponaglenie is open and another linked citizen files one, then 409 reminder_pending', async () => {
    const number = await overdueCase('Wniosek o zwrot podatku');
    await linkByKey(service, number, keyHolder.id);
    expect((await fileReminder(service, applicant.token, number)).status).toBe(201);
    const second = await fileReminder(service, keyHolder.token, number);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'reminder_pending', status: 409 });
    expect(second.headers.get('content-type')).toContain('application/problem+json');
  });

  test('when two linked citizens file at the same moment, then one gets 201 and the other reminder_pending', async () => {
    const number = await overdueCase('Wniosek o warunki zabudowy');
    await linkByKey(service, number, keyHolder.id);
    const answers = await Promise.all([fileReminder(service, applicant.token, number), fileReminder(service, keyHolder.token, number)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const [{ n }] = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM case_reminders r JOIN cases c ON c.id = r.case_id WHERE c.number = $1`, [number]);
    expect(n).toBe(1);
  });

  test('when the case is not overdue (deadline ahead, or resolved), then 409 not_overdue', async () => {
    const { number } = await caseFromSubmission(service, office, applicant, 'Wniosek w terminie');
    const res = await fileReminder(service, applicant.token, number);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_overdue');

    await makeOverdue(service, number);
    await service.ctx.dataSource.query(`UPDATE cases SET status = 'resolved', ended_at = now() WHERE number = $1`, [number]);
    expect((await fileReminder(service, applicant.token, number)).body.code).toBe('not_overdue');
  });

  test('when a stranger files in someone else\'s overdue case, then the same 404 as for a case that does not exist', async () => {
    const number = await overdueCase('Wniosek o meldunek');
    const theirs = await fileReminder(service, stranger.token, number);
    const missing = await fileReminder(service, stranger.token, `${office.unitSymbol}.6840.999.2026`);
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    expect(theirs.body.code).toBe('not_found');
    // A paper case nobody is linked to answers the same.
    const paper = await openPaperCase(service, office);
    await makeOverdue(service, paper);
    expect((await fileReminder(service, stranger.token, paper)).body).toEqual(missing.body);
  });

  test('when the justification is blank, too long, missing or the body has an unknown field, then 400 validation_failed on that field', async () => {
    const number = await overdueCase('Wniosek o odpis aktu');
    for (const body of [{ justification: '   ' }, { justification: 'x'.repeat(5001) }, {}, { justification: 12 }]) {
      const res = await service.api('POST', `/api/v1/cases/${number}/reminders`, { token: applicant.token, body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: any) => e.field)).toContain('justification');
    }
    const extra = await service.api('POST', `/api/v1/cases/${number}/reminders`, { token: applicant.token, body: { justification: 'Za długo.', urgent: true } });
    expect(extra.status).toBe(400);
    expect((await fileReminder(service, applicant.token, number, ` ${'x'.repeat(5000)} `)).status).toBe(201);
  });

  test('when staff or nobody calls the citizens\' call, then 403 and 401', async () => {
    const number = await overdueCase('Wniosek o dowód');
    expect((await fileReminder(service, office.registrar.token, number)).status).toBe(403);
    expect((await service.api('POST', `/api/v1/cases/${number}/reminders`, { body: { justification: 'x' } })).status).toBe(401);
  });

  test('when a ponaglenie is filed, then the audit log records who filed it, in which case, and by when it must be passed on', async () => {
    const number = await overdueCase('Wniosek o zajęcie pasa drogowego');
    const filed = await fileReminder(service, applicant.token, number);
    const log = await service.api('GET', `/api/v1/admin/audit?action=reminder.filed&actor=${applicant.login}`, { token: office.admin.token });
    expect(log.body.items.find((e: any) => e.subject === number)).toMatchObject({
      actor: applicant.login,
      action: 'reminder.filed',
      details: { reminderId: filed.body.id, forwardBy: filed.body.forwardBy },
    });
  });
});
