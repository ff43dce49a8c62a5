import { config } from '../../../config/config';
import { Mailer } from '../../../services/mail/mailer';
import { deliverCaseCall, deliverCaseLetter, sendReplyReceived } from '../../../workers/handlers/correspondence.handlers';
import type { WorkerContext } from '../../../workers/job-handler.types';
import { linkByKey } from '../../support/cases';
import { caseFromSubmission } from '../../support/citizen-cases';
import { callForCompletion, reply, sendLetter } from '../../support/correspondence';
import { createOffice, type Office } from '../../support/office';
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
const messagesOf = (userId: string, kind: string) => service.ctx.dataSource.query(`SELECT id FROM messages WHERE user_id = $1 AND kind = $2`, [userId, kind]);
const eventOf = async (jobName: string, key: string, id: string): Promise<string> =>
  (await service.ctx.dataSource.query(`SELECT id FROM outbox_events WHERE job_name = $1 AND payload->>$2 = $3`, [jobName, key, id]))[0].id;
const newMessageMails = (messageIds: string[]) =>
  service.ctx.dataSource.query(`SELECT id FROM outbox_events WHERE job_name = 'mail.new-message' AND payload->>'messageId' = ANY($1)`, [messageIds]);

async function sharedCase(title: string): Promise<string> {
  const { number } = await caseFromSubmission(service, office, applicant, title);
  await linkByKey(service, number, keyHolder.id);
  return number;
}

describe('exactly once, however often a job runs', () => {
  test('when the call job runs twice at once and again, then each linked citizen has exactly one message and one e-mail event', async () => {
    const number = await sharedCase('Wniosek o podział');
    const { id: callId } = (await callForCompletion(service, office.official.token, number)).body;
    const job = { id: await eventOf('inbox.case-call', 'callId', callId), name: 'inbox.case-call' as const, data: { callId } };
    const outcomes = await Promise.all([deliverCaseCall(job, workerCtx()), deliverCaseCall(job, workerCtx())]);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    expect(await deliverCaseCall(job, workerCtx())).toBe('skipped');
    const ids: string[] = [];
    for (const citizen of [applicant, keyHolder]) {
      const rows = await messagesOf(citizen.id, 'case_call_for_completion');
      expect(rows).toHaveLength(1);
      ids.push(rows[0].id);
    }
    expect(await newMessageMails(ids)).toHaveLength(2);
  });

  test('when the letter job runs twice at once and again, then each linked citizen has exactly one message', async () => {
    const number = await sharedCase('Wniosek o decyzję');
    const { id: letterId } = (await sendLetter(service, office.official.token, number)).body;
    const job = { id: await eventOf('inbox.case-letter', 'letterId', letterId), name: 'inbox.case-letter' as const, data: { letterId } };
    const outcomes = await Promise.all([deliverCaseLetter(job, workerCtx()), deliverCaseLetter(job, workerCtx())]);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    expect(await deliverCaseLetter(job, workerCtx())).toBe('skipped');
    for (const citizen of [applicant, keyHolder]) expect(await messagesOf(citizen.id, 'case_letter')).toHaveLength(1);
  });

  test('when the e-mail job of a reply runs again after it was sent, then no second e-mail', async () => {
    const number = await sharedCase('Wniosek o zwrot');
    const { id: callId } = (await callForCompletion(service, office.official.token, number)).body;
    const { id: replyId } = (await reply(service, applicant.token, number, { content: 'Uzupełniam.', callId })).body;
    const job = { id: await eventOf('mail.reply-received', 'replyId', replyId), name: 'mail.reply-received' as const, data: { replyId } };
    expect(await sendReplyReceived(job, workerCtx())).toBe('done');
    expect(await sendReplyReceived(job, workerCtx())).toBe('skipped');
    const sent = service.mail.mails.filter((m) => m.subject.includes(`Odpowiedź na wezwanie w sprawie ${number}`));
    expect(sent).toHaveLength(1);
  });

  test('when the call, letter or reply is gone, then its job is skipped', async () => {
    const gone = '00000000-0000-4000-8000-000000000000';
    expect(await deliverCaseCall({ id: 'a', name: 'inbox.case-call', data: { callId: gone } }, workerCtx())).toBe('skipped');
    expect(await deliverCaseLetter({ id: 'b', name: 'inbox.case-letter', data: { letterId: gone } }, workerCtx())).toBe('skipped');
    expect(await sendReplyReceived({ id: 'c', name: 'mail.reply-received', data: { replyId: gone } }, workerCtx())).toBe('skipped');
  });
});
