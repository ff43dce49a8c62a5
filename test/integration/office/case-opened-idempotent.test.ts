import { randomUUID } from 'node:crypto';
import { Mailer } from '../../../services/mail/mailer';
import { deliverCaseOpened } from '../../../workers/handlers/inbox.handlers';
import type { WorkerContext } from '../../../workers/job-handler.types';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
let office: Office;
let citizen: Citizen;
let workerCtx: WorkerContext;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
  // From here on no worker runs: the test plays the workers itself.
  await service.stopWorkers();
  workerCtx = { ...service.ctx, mailer: new Mailer(service.mail.url) };
});
afterAll(async () => {
  workerCtx.mailer.close();
  await service.stop();
});

async function openCase(title: string) {
  const sub = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Wniosek', content: 'Treść', requestAccessKey: true } });
  const opened = await service.api('POST', '/api/v1/office/cases', {
    token: office.registrar.token,
    body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title, submissionId: sub.body.id },
  });
  expect(opened.status).toBe(201);
  const [event] = await service.ctx.dataSource.query(`SELECT id FROM outbox_events WHERE job_name = 'inbox.case-opened' AND payload->>'caseId' = $1`, [opened.body.id]);
  return { caseId: opened.body.id as string, eventId: event.id as string };
}

async function effectsOf(caseId: string) {
  const [row] = await service.ctx.dataSource.query(
    `SELECT (SELECT count(*)::int FROM messages WHERE event_key = $2) AS messages,
            (SELECT count(*)::int FROM access_keys WHERE case_id = $1) AS keys,
            (SELECT count(*)::int FROM access_keys WHERE case_id = $1 AND revoked_at IS NULL) AS live_keys,
            (SELECT count(*)::int FROM outbox_events e JOIN messages m ON m.id::text = e.payload->>'messageId'
              WHERE e.job_name = 'mail.new-message' AND m.event_key = $2) AS mails`,
    [caseId, `case-opened:${caseId}`],
  );
  return row;
}

describe('delivering case_opened more than once', () => {
  test('when the handler runs twice at once and then again (a worker died and the job was retried), then one message, one key, one e-mail', async () => {
    const { caseId, eventId } = await openCase('Dwa razy');
    const job = { id: eventId, name: 'inbox.case-opened' as const, data: { caseId } };
    const concurrent = await Promise.all([deliverCaseOpened(job, workerCtx), deliverCaseOpened(job, workerCtx)]);
    expect(concurrent.sort()).toEqual(['done', 'skipped']);
    expect(await deliverCaseOpened(job, workerCtx)).toBe('skipped');
    expect(await effectsOf(caseId)).toEqual({ messages: 1, keys: 1, live_keys: 1, mails: 1 });
  });

  test('when BullMQ delivers the event again under another job id, then the worker skips it', async () => {
    const { caseId } = await openCase('Ponowne doręczenie');
    // The original job (published after commit) plus a redelivery, e.g. by a relay that ran
    // after the job had been completed and removed.
    const redeliveryId = randomUUID();
    await service.ctx.producer.enqueue({ name: 'inbox.case-opened', data: { caseId } }, redeliveryId);
    await service.startWorkers();
    try {
      const queue = service.ctx.producer.queue('inbox');
      await waitUntil(async () => (await queue.getJob(redeliveryId))?.finishedOn !== undefined, 'the redelivered job to finish');
      await waitUntil(async () => (await effectsOf(caseId)).messages === 1, 'the message');
      const redelivered = await queue.getJob(redeliveryId);
      expect(redelivered?.failedReason).toBeUndefined();
      expect(await effectsOf(caseId)).toEqual({ messages: 1, keys: 1, live_keys: 1, mails: 1 });
      const inbox = await service.api('GET', '/api/v1/inbox', { token: citizen.token });
      const notices = inbox.body.items.filter((m: any) => m.kind === 'case_opened' && m.data.title === 'Ponowne doręczenie');
      expect(notices).toHaveLength(1);
    } finally {
      await service.stopWorkers();
    }
  });
});
