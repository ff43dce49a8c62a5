import { randomUUID } from 'node:crypto';
import { answerStatusCheck } from '../../../workers/handlers/status-check.handlers';
import { awaitAnswer, caseFromSubmission, checkStatus, paperCase } from '../../support/citizen-cases';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
let office: Office;
let citizen: Citizen;
let other: Citizen;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  [citizen, other] = await Promise.all([service.citizen(), service.citizen()]);
});
afterAll(() => service.stop());

const unitFacts = { unitPhone: '+48 67 250 00 00', unitEmail: 'gn@urzad.example' };

describe('answers to "Sprawdź stan sprawy"', () => {
  test('when a citizen checks a case opened from their own submission, then the case_status message carries every fact, history oldest first', async () => {
    const opened = await caseFromSubmission(service, office, citizen);
    // The official takes the case up: a second history entry, later than the first.
    const changedAt = new Date(new Date(opened.startedAt).getTime() + 60_000);
    await service.ctx.dataSource.query(`UPDATE cases SET status = 'in_progress' WHERE id = $1`, [opened.id]);
    await service.ctx.dataSource.query(
      `INSERT INTO case_history (case_id, status, note, changed_at, changed_by) VALUES ($1, 'in_progress', 'Rozpoczęto analizę wniosku', $2, $3)`,
      [opened.id, changedAt, office.official.id],
    );

    const accepted = await checkStatus(service, citizen.token, `  ${opened.number.toLowerCase()} `);
    expect(accepted).toEqual({ id: expect.any(String), caseNumber: opened.number, status: 'queued', requestedAt: expect.any(String) });
    const { request, message } = await awaitAnswer(service, citizen.token, accepted.id);

    expect(request).toEqual({
      id: accepted.id,
      caseNumber: opened.number,
      status: 'delivered',
      requestedAt: accepted.requestedAt,
      deliveredAt: expect.any(String),
      messageId: message.id,
    });
    expect(message.kind).toBe('case_status');
    expect(message.data).toEqual({
      requestId: accepted.id,
      caseNumber: opened.number,
      found: true,
      startedAt: opened.startedAt,
      endedAt: null,
      unitName: office.unitName,
      ...unitFacts,
      responsiblePerson: 'Olga Referent',
      status: 'in_progress',
      statusLabel: 'W toku',
      dueAt: opened.dueAt,
      overdue: false,
      history: [
        { status: 'registered', statusLabel: 'Zarejestrowana', note: 'Sprawa zarejestrowana', changedAt: opened.startedAt },
        { status: 'in_progress', statusLabel: 'W toku', note: 'Rozpoczęto analizę wniosku', changedAt: changedAt.toISOString() },
      ],
    });
    expect(message.subject).toBe(`Stan sprawy ${opened.number}: W toku`);
    expect(message.bodyText).toContain('Stan sprawy: W toku');
    expect(message.bodyText).toContain(`Znak sprawy: ${opened.number}`);
    expect(message.bodyText).toContain('Osoba odpowiedzialna: Olga Referent');
    expect(message.bodyText).toContain('Telefon: +48 67 250 00 00');
    expect(message.bodyText).toContain('Rozpoczęto analizę wniosku');
    expect(message.bodyText.indexOf('Zarejestrowana')).toBeLessThan(message.bodyText.indexOf('Rozpoczęto analizę'));
    expect(message.bodyHtml).toContain('<strong>W toku</strong>');
  });

  test('when a citizen checks a paper case linked by its access key, then it is found, without a responsible person', async () => {
    const paper = await paperCase(service, office);
    const link = await service.api('POST', '/api/v1/access-keys', { token: citizen.token, body: { key: paper.accessKey.toLowerCase().replace(/-/g, ' ') } });
    expect(link.status).toBe(200);

    const accepted = await checkStatus(service, citizen.token, paper.number);
    const { message } = await awaitAnswer(service, citizen.token, accepted.id);
    expect(message.data).toEqual({
      requestId: accepted.id,
      caseNumber: paper.number,
      found: true,
      startedAt: paper.startedAt,
      endedAt: null,
      unitName: office.unitName,
      ...unitFacts,
      responsiblePerson: null,
      status: 'registered',
      statusLabel: 'Zarejestrowana',
      dueAt: paper.dueAt,
      overdue: false,
      history: [{ status: 'registered', statusLabel: 'Zarejestrowana', note: 'Sprawa zarejestrowana', changedAt: paper.startedAt }],
    });
    expect(message.bodyText).toContain('Osoba odpowiedzialna: —');
  });

  test("when a citizen checks someone else's case and a case that does not exist, then both answers are the same found: false", async () => {
    const theirs = await caseFromSubmission(service, office, citizen, 'Sprawa cudza');
    const missing = `${office.unitSymbol}.6840.9999.2026`;
    const a = await checkStatus(service, other.token, theirs.number);
    const b = await checkStatus(service, other.token, missing);
    const [answerA, answerB] = [(await awaitAnswer(service, other.token, a.id)).message, (await awaitAnswer(service, other.token, b.id)).message];

    expect(answerA.data).toEqual({ requestId: a.id, caseNumber: theirs.number, found: false });
    expect(answerB.data).toEqual({ requestId: b.id, caseNumber: missing, found: false });
    const blank = (m: any, n: string) => ({ subject: m.subject.split(n).join('#'), text: m.bodyText.split(n).join('#'), html: m.bodyHtml.split(n).join('#') });
    expect(blank(answerA, theirs.number)).toEqual(blank(answerB, missing));
    expect(answerA.bodyText).toContain('internetowy klucz dostępu');
    expect(answerA.bodyText).toContain('/klucz-dostepu');
    expect(answerA.bodyText).not.toContain('Sprawa cudza');
  });

  test('when the answer job runs twice, even at once, then the request still has exactly one message', async () => {
    const id = randomUUID();
    await service.ctx.dataSource.query(`INSERT INTO status_checks (id, user_id, case_number) VALUES ($1, $2, 'AB.1.1.2026')`, [id, citizen.id]);
    const ctx = { ...service.ctx, mailer: undefined as never };
    const job = { id, name: 'status-check.answer' as const, data: { statusCheckId: id } };
    const outcomes = await Promise.all([answerStatusCheck(job, ctx), answerStatusCheck(job, ctx)]);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    expect(await answerStatusCheck(job, ctx)).toBe('skipped');
    const rows = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM messages WHERE event_key = $1`, [`status-check:${id}`]);
    expect(rows[0].n).toBe(1);
  });

  test('when several answers run at once (one group), then each request gets its own message, and the citizen one "new message" e-mail', async () => {
    const someone = await service.citizen();
    await service.ctx.dataSource.query(`UPDATE users SET notify_by_email = true, last_status_mail_at = NULL WHERE id = $1`, [someone.id]);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) {
      await service.ctx.dataSource.query(`INSERT INTO status_checks (id, user_id, case_number) VALUES ($1, $2, $3)`, [id, someone.id, `AB.1.${10 + i}.2026`]);
    }
    const ctx = { ...service.ctx, mailer: undefined as never };
    const outcomes = await Promise.all(ids.map((id) => answerStatusCheck({ id, name: 'status-check.answer', data: { statusCheckId: id } }, ctx)));
    expect(outcomes).toEqual(['done', 'done', 'done']);
    const answered = await service.ctx.dataSource.query(
      `SELECT s.id, m.data->>'requestId' AS "requestId", m.data->>'caseNumber' AS "caseNumber", s.case_number AS asked
         FROM status_checks s JOIN messages m ON m.id = s.message_id WHERE s.id = ANY($1::uuid[]) AND s.status = 'delivered'`,
      [ids],
    );
    expect(answered).toHaveLength(3);
    for (const row of answered) expect([row.requestId, row.caseNumber]).toEqual([row.id, row.asked]);
    const mails = await service.ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events e JOIN messages m ON m.id = (e.payload->>'messageId')::uuid
        WHERE e.job_name = 'mail.new-message' AND m.user_id = $1`,
      [someone.id],
    );
    expect(mails[0].n).toBe(1);
  });

  test('when an answer has been delivered, then /metrics reports the end-to-end answer latency', async () => {
    const accepted = await checkStatus(service, citizen.token, 'XY.1.1.2026');
    await awaitAnswer(service, citizen.token, accepted.id);
    const metrics = await fetch(`${service.baseUrl}/metrics`).then((r) => r.text());
    const count = /^case_status_answer_latency_seconds_count (\d+)/m.exec(metrics);
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(1);
  });

  test('when the answer fails on its last attempt, then the request is marked failed', async () => {
    const id = randomUUID();
    const db = service.ctx.dataSource;
    // Only this request's message is refused (the database is shared with other test files).
    await db.query(`CREATE FUNCTION refuse_${id.replace(/-/g, '')}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
    await db.query(
      `CREATE TRIGGER refuse_${id.replace(/-/g, '')} BEFORE INSERT ON messages FOR EACH ROW
         WHEN (NEW.event_key = 'status-check:${id}') EXECUTE FUNCTION refuse_${id.replace(/-/g, '')}()`,
    );
    try {
      await db.query(`INSERT INTO status_checks (id, user_id, case_number) VALUES ($1, $2, 'AB.1.2.2026')`, [id, citizen.id]);
      await service.ctx.producer.queue('status-check').add('status-check.answer', { statusCheckId: id }, { jobId: id, attempts: 2, backoff: 10 });
      await waitUntil(async () => (await service.api('GET', `/api/v1/status-checks/${id}`, { token: citizen.token })).body.status === 'failed', 'failed state');
      const res = await service.api('GET', `/api/v1/status-checks/${id}`, { token: citizen.token });
      expect(res.body).toMatchObject({ id, status: 'failed', deliveredAt: null, messageId: null });
    } finally {
      await db.query(`DROP TRIGGER refuse_${id.replace(/-/g, '')} ON messages`);
      await db.query(`DROP FUNCTION refuse_${id.replace(/-/g, '')}()`);
    }
  });
});
