import { awaitAnswer, checkStatus } from '../../support/citizen-cases';
import { createAdmin } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let citizen: Citizen;
let other: Citizen;

beforeAll(async () => {
  await service.start();
  [citizen, other] = await Promise.all([service.citizen(), service.citizen()]);
});
afterAll(() => service.stop());

const press = (token: string, body: unknown) => service.api('POST', '/api/v1/status-checks', { token, body });

describe('pressing "Sprawdź stan sprawy"', () => {
  test('when the case number is malformed, then 400 invalid_case_number', async () => {
    for (const caseNumber of ['', '   ', 'GN 6840', 'GN.6840.0.2026', 'GN.68401.1.2026', 'GN.6840.1.26', 'GN..1.2026', 'ABCDEF.1.1.2026', 'GN.6840.1.2026.1']) {
      const res = await press(citizen.token, { caseNumber });
      expect({ caseNumber, status: res.status, code: res.body.code }).toEqual({ caseNumber, status: 400, code: 'invalid_case_number' });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  test('when the body lacks the number or has unknown fields, then 400 validation_failed', async () => {
    expect((await press(citizen.token, {})).body.code).toBe('validation_failed');
    expect((await press(citizen.token, { caseNumber: 'GN.1.1.2026', extra: 1 })).body.code).toBe('validation_failed');
    expect((await press(citizen.token, { caseNumber: 6840 })).body.code).toBe('validation_failed');
  });

  test('when the number is typed in lower case with spaces around, then it is accepted trimmed and upper-cased', async () => {
    const accepted = await checkStatus(service, citizen.token, '  gn-a1.6840.1.2026 ');
    expect(accepted).toEqual({ id: expect.any(String), caseNumber: 'GN-A1.6840.1.2026', status: 'queued', requestedAt: expect.any(String) });
    expect(new Date(accepted.requestedAt).toISOString()).toBe(accepted.requestedAt);
  });

  test('when the same citizen asks again about the same number within 10 seconds, then the same id comes back; another number or citizen gets a new one', async () => {
    const first = await checkStatus(service, citizen.token, 'DD.1.1.2026');
    const again = await checkStatus(service, citizen.token, ' dd.1.1.2026');
    expect(again).toEqual(first);
    const otherNumber = await checkStatus(service, citizen.token, 'DD.1.2.2026');
    expect(otherNumber.id).not.toBe(first.id);
    const otherCitizen = await checkStatus(service, other.token, 'DD.1.1.2026');
    expect(otherCitizen.id).not.toBe(first.id);
    const rows = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM status_checks WHERE user_id = $1 AND case_number = 'DD.1.1.2026'`, [citizen.id]);
    expect(rows[0].n).toBe(1);
  });

  test('when the 10-second window has passed (its Redis key gone), then the same request gets a new id and a second answer message', async () => {
    const asker = await service.citizen();
    const first = await checkStatus(service, asker.token, 'GG.1.1.2026');
    const dedupeKey = `${service.ctx.producer.prefix}:status-dedupe:${asker.id}:GG.1.1.2026`;
    const ttl = await service.ctx.redis.ttl(dedupeKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10);

    // The window's expiry, without waiting 10 seconds.
    expect(await service.ctx.redis.del(dedupeKey)).toBe(1);
    const second = await checkStatus(service, asker.token, 'gg.1.1.2026');
    expect(second).toEqual({ id: expect.any(String), caseNumber: 'GG.1.1.2026', status: 'queued', requestedAt: expect.any(String) });
    expect(second.id).not.toBe(first.id);
    // The new request opens a window of its own.
    expect(await checkStatus(service, asker.token, 'GG.1.1.2026')).toEqual(second);

    const answers = [await awaitAnswer(service, asker.token, first.id), await awaitAnswer(service, asker.token, second.id)];
    expect(answers[1].message.id).not.toBe(answers[0].message.id);
    expect(answers.map((a) => a.message.data.requestId)).toEqual([first.id, second.id]);
    const inbox = await service.api('GET', '/api/v1/inbox', { token: asker.token });
    const statusAnswers = inbox.body.items.filter((m: any) => m.kind === 'case_status' && m.data.caseNumber === 'GG.1.1.2026');
    expect(statusAnswers).toHaveLength(2);
    const rows = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM status_checks WHERE user_id = $1 AND case_number = 'GG.1.1.2026'`, [asker.id]);
    expect(rows[0].n).toBe(2);
  });

  test("when a citizen asks for someone else's request, then 404 not_found; a malformed id is 400", async () => {
    const mine = await checkStatus(service, citizen.token, 'EE.1.1.2026');
    expect((await service.api('GET', `/api/v1/status-checks/${mine.id}`, { token: citizen.token })).status).toBe(200);
    const theirs = await service.api('GET', `/api/v1/status-checks/${mine.id}`, { token: other.token });
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('not_found');
    expect((await service.api('GET', '/api/v1/status-checks/nie-uuid', { token: citizen.token })).status).toBe(400);
  });

  test('when a citizen gets three answers in a row, then only one "new message" e-mail is sent (at most one per 15 minutes)', async () => {
    const fresh = await service.citizen();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await checkStatus(service, fresh.token, `FF.1.${n}.2026`)).id);
    for (const id of ids) await awaitAnswer(service, fresh.token, id);
    await service.mail.waitFor(fresh.email, /Nowa wiadomość/);
    const events = await service.ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events e JOIN messages m ON m.id = (e.payload->>'messageId')::uuid
        WHERE e.job_name = 'mail.new-message' AND m.user_id = $1`,
      [fresh.id],
    );
    expect(events[0].n).toBe(1);
    const notices = service.mail.to(fresh.email).filter((m) => /Nowa wiadomość/.test(m.subject));
    expect(notices).toHaveLength(1);
    expect(notices[0].text).not.toContain('FF.1.');
  });

  test('when nobody is logged in or a staff member asks, then 401 / 403', async () => {
    expect((await press('', { caseNumber: 'GN.1.1.2026' })).status).toBe(401);
    const admin = await createAdmin(service);
    expect((await press(admin.token, { caseNumber: 'GN.1.1.2026' })).status).toBe(403);
  });

  test('when the OpenAPI document is read, then it describes the status-check, access-key and case-list operations', async () => {
    const doc = (await service.api('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/v1/status-checks'])).toEqual(['post']);
    expect(doc.paths['/api/v1/status-checks'].post.responses['202']).toBeDefined();
    expect(doc.paths['/api/v1/status-checks/{id}'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/access-keys'].post.responses['404']).toBeDefined();
    expect(doc.paths['/api/v1/cases'].get).toBeDefined();
  });
});

