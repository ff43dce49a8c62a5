import { changeCase, linkByKey, openCaseFromSubmission } from '../../support/cases';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';
import { deliverCaseDeadlineChanged, deliverCaseStatusChanged } from '../../../workers/handlers/case-notice.handlers';
import type { WorkerContext } from '../../../workers/job-handler.types';

const service = new TestService();
let office: Office;
let applicant: Citizen;
let keyHolder: Citizen;
let secondKeyHolder: Citizen;
let stranger: Citizen;
let number: string;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  [applicant, keyHolder, secondKeyHolder, stranger] = await Promise.all([service.citizen(), service.citizen(), service.citizen(), service.citizen()]);
  number = await openCaseFromSubmission(service, office, applicant);
  await linkByKey(service, number, keyHolder.id);
  await linkByKey(service, number, secondKeyHolder.id);
});
afterAll(() => service.stop());

const linked = () => [applicant, keyHolder, secondKeyHolder];
const messagesOf = async (citizen: Citizen, kind: string) =>
  (await service.api('GET', '/api/v1/inbox?limit=100', { token: citizen.token })).body.items.filter((m: any) => m.kind === kind);
const workerCtx = () => ({ ...service.ctx, mailer: undefined }) as unknown as WorkerContext;
const newMessageMails = (citizen: Citizen) => service.mail.to(citizen.email).filter((m) => m.subject === 'Nowa wiadomość w skrzynce kontaktowej');

describe('notices to the citizens linked to a case', () => {
  test('when the status changes, then each linked citizen gets exactly one case_status_changed message and its e-mail; others get nothing', async () => {
    // The applicant's receipt and case_opened messages each brought an e-mail already.
    await waitUntil(() => newMessageMails(applicant).length === 2, 'e-mails of the receipt and case_opened');
    const mailsBefore = [2, 0, 0];
    const res = await changeCase(service, office.official.token, number, { status: 'awaiting_applicant', note: 'Prosimy o dosłanie mapy & wypisu' });
    expect(res.status).toBe(200);
    const changedAt = res.body.history.at(-1).changedAt;

    for (const citizen of linked()) {
      await waitUntil(async () => (await messagesOf(citizen, 'case_status_changed')).length === 1, `status notice to ${citizen.login}`);
      const [message] = await messagesOf(citizen, 'case_status_changed');
      expect(message.data).toEqual({
        caseNumber: number,
        status: 'awaiting_applicant',
        statusLabel: 'Oczekuje na uzupełnienie',
        note: 'Prosimy o dosłanie mapy & wypisu',
        changedAt,
      });
      expect(message.subject).toBe(`Zmiana stanu sprawy ${number}: Oczekuje na uzupełnienie`);
      expect(message.bodyText).toContain('Adnotacja urzędu: Prosimy o dosłanie mapy & wypisu');
      expect(message.bodyHtml).toContain('Prosimy o dosłanie mapy &amp; wypisu');
    }
    await waitUntil(() => linked().every((c, i) => newMessageMails(c).length === mailsBefore[i] + 1), `new-message e-mails: ${JSON.stringify(service.mail.mails.map((m) => [m.to, m.subject]))}`);
    for (const citizen of linked()) expect(newMessageMails(citizen).at(-1)!.text).not.toContain(number);
    expect(await messagesOf(stranger, 'case_status_changed')).toHaveLength(0);
  });

  test('when the status notice job runs again (a retry), then still one message per citizen', async () => {
    const [{ id: historyId }] = await service.ctx.dataSource.query(
      `SELECT h.id FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.number = $1 AND h.status = 'awaiting_applicant'`,
      [number],
    );
    const job = { id: 'retry-1', name: 'inbox.case-status-changed' as const, data: { historyId } };
    expect(await deliverCaseStatusChanged(job, workerCtx())).toBe('skipped');
    expect(await deliverCaseStatusChanged(job, workerCtx())).toBe('skipped');
    for (const citizen of linked()) expect(await messagesOf(citizen, 'case_status_changed')).toHaveLength(1);
  });

  test('when a new deadline is set, then each linked citizen gets exactly one case_deadline_changed message, even when its job is retried', async () => {
    const res = await changeCase(service, office.official.token, number, { dueAt: '2099-02-01T09:00:00.000Z', reason: 'Oczekiwanie na opinię konserwatora zabytków' });
    expect(res.status).toBe(200);
    for (const citizen of linked()) {
      await waitUntil(async () => (await messagesOf(citizen, 'case_deadline_changed')).length === 1, `deadline notice to ${citizen.login}`);
      const [message] = await messagesOf(citizen, 'case_deadline_changed');
      expect(message.data).toEqual({ caseNumber: number, dueAt: '2099-02-01T09:00:00.000Z', reason: 'Oczekiwanie na opinię konserwatora zabytków' });
      expect(message.bodyText).toContain('art. 36');
      expect(message.bodyText).toContain('Przyczyna zwłoki: Oczekiwanie na opinię konserwatora zabytków');
    }
    const [{ id: deadlineChangeId }] = await service.ctx.dataSource.query(
      `SELECT d.id FROM case_deadline_changes d JOIN cases c ON c.id = d.case_id WHERE c.number = $1`,
      [number],
    );
    const job = { id: 'retry-2', name: 'inbox.case-deadline-changed' as const, data: { deadlineChangeId } };
    expect(await deliverCaseDeadlineChanged(job, workerCtx())).toBe('skipped');
    for (const citizen of linked()) expect(await messagesOf(citizen, 'case_deadline_changed')).toHaveLength(1);
    expect(await messagesOf(stranger, 'case_deadline_changed')).toHaveLength(0);
  });

  test('when a citizen is linked after a notice was lost, then a retried job delivers only the missing message', async () => {
    const late = await service.citizen();
    await linkByKey(service, number, late.id);
    const [{ id: historyId }] = await service.ctx.dataSource.query(
      `SELECT h.id FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.number = $1 AND h.status = 'awaiting_applicant'`,
      [number],
    );
    expect(await deliverCaseStatusChanged({ id: 'retry-3', name: 'inbox.case-status-changed', data: { historyId } }, workerCtx())).toBe('done');
    for (const citizen of [...linked(), late]) expect(await messagesOf(citizen, 'case_status_changed')).toHaveLength(1);
  });

  test('when only a note is added, then no citizen gets a status notice', async () => {
    await changeCase(service, office.official.token, number, { note: 'Notatka wewnętrzna o rozmowie telefonicznej' });
    await service.ctx.outbox.relayOnce(0);
    // Give the workers a moment to show that nothing arrives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const citizen of linked()) expect(await messagesOf(citizen, 'case_status_changed')).toHaveLength(1);
  });

  test('when the job names a row that is gone, then it is skipped', async () => {
    const gone = '00000000-0000-4000-8000-000000000000';
    expect(await deliverCaseStatusChanged({ id: 'x', name: 'inbox.case-status-changed', data: { historyId: gone } }, workerCtx())).toBe('skipped');
    expect(await deliverCaseDeadlineChanged({ id: 'y', name: 'inbox.case-deadline-changed', data: { deadlineChangeId: gone } }, workerCtx())).toBe('skipped');
  });
});
