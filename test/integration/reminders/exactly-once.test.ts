import { config } from '../../../config/config';
import { Mailer } from '../../../services/mail/mailer';
import { deliverCaseReminderForwarded, sendReminderFiled } from '../../../workers/handlers/reminder.handlers';
import type { WorkerContext } from '../../../workers/job-handler.types';
import { linkByKey } from '../../support/cases';
import { caseFromSubmission } from '../../support/citizen-cases';
import { createOffice, type Office } from '../../support/office';
import { fileReminder, forwardReminder, makeOverdue } from '../../support/reminders';
import { TestService, type Citizen } from '../../support/test-service';

// No workers: the test is the worker, and runs each job as often as a retry would.
const service = new TestService();
let office: Office;
let applicant: Citizen;
let keyHolder: Citizen;

beforeAll(async () => {
  await service.start(); // the citizens' activation e-mails need the workers; then they stop
  office = await createOffice(service);
  [applicant, keyHolder] = await Promise.all([service.citizen(), service.citizen()]);
  await service.stopWorkers();
});
afterAll(() => service.stop());

const workerCtx = () => ({ ...service.ctx, mailer: new Mailer(service.mail.url, config().mailFrom) }) as unknown as WorkerContext;
const messagesOf = (userId: string) => service.ctx.dataSource.query(`SELECT id FROM messages WHERE user_id = $1 AND kind = 'case_reminder_forwarded'`, [userId]);
const eventOf = async (jobName: string, reminderId: string): Promise<string> =>
  (await service.ctx.dataSource.query(`SELECT id FROM outbox_events WHERE job_name = $1 AND payload->>'reminderId' = $2`, [jobName, reminderId]))[0].id;

describe('exactly once, however often a job runs', () => {
  test('when the case_reminder_forwarded job runs twice, then each linked citizen has exactly one message', async () => {
    const { number } = await caseFromSubmission(service, office, applicant, 'Wniosek o rozgraniczenie');
    await linkByKey(service, number, keyHolder.id);
    await makeOverdue(service, number);
    const { id } = (await fileReminder(service, applicant.token, number)).body;
    expect((await forwardReminder(service, office.registrar.token, id)).status).toBe(200);

    const job = { id: await eventOf('inbox.case-reminder-forwarded', id), name: 'inbox.case-reminder-forwarded' as const, data: { reminderId: id } };
    const outcomes = await Promise.all([deliverCaseReminderForwarded(job, workerCtx()), deliverCaseReminderForwarded(job, workerCtx())]);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    expect(await deliverCaseReminderForwarded(job, workerCtx())).toBe('skipped');
    for (const citizen of [applicant, keyHolder]) expect(await messagesOf(citizen.id)).toHaveLength(1);
  });

  test('when the official\'s e-mail job runs again after it was sent, then no second e-mail', async () => {
    const { number } = await caseFromSubmission(service, office, applicant, 'Wniosek o numer porządkowy');
    await makeOverdue(service, number);
    const { id } = (await fileReminder(service, applicant.token, number)).body;
    const job = { id: await eventOf('mail.reminder-filed', id), name: 'mail.reminder-filed' as const, data: { reminderId: id } };
    expect(await sendReminderFiled(job, workerCtx())).toBe('done');
    expect(await sendReminderFiled(job, workerCtx())).toBe('skipped');
    expect(service.mail.to('gn@urzad.example').filter((m) => m.subject.includes(number))).toHaveLength(1);
  });

  test('when the ponaglenie is not forwarded or is gone, then the message job is skipped', async () => {
    const { number } = await caseFromSubmission(service, office, applicant, 'Wniosek o decyzję');
    await makeOverdue(service, number);
    const { id } = (await fileReminder(service, applicant.token, number)).body;
    expect(await deliverCaseReminderForwarded({ id: 'x', name: 'inbox.case-reminder-forwarded', data: { reminderId: id } }, workerCtx())).toBe('skipped');
    const gone = '00000000-0000-4000-8000-000000000000';
    expect(await deliverCaseReminderForwarded({ id: 'y', name: 'inbox.case-reminder-forwarded', data: { reminderId: gone } }, workerCtx())).toBe('skipped');
    expect(await sendReminderFiled({ id: 'z', name: 'mail.reminder-filed', data: { reminderId: gone } }, workerCtx())).toBe('skipped');
  });
});
