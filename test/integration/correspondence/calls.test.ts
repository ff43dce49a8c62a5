import { backdatePause, changeCase, linkByKey, officialOfAnotherUnit, openPaperCase } from '../../support/cases';
import { caseFromSubmission } from '../../support/citizen-cases';
import { callDueDate, callForCompletion, caseGet, messagesOfKind } from '../../support/correspondence';
import { uniqueUnitSymbol, type Staff } from '../../support/office';
import { serviceWithOfficeAndCitizens } from '../../support/reminders';
import { TestService } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
const { office, applicant, keyHolder, stranger } = serviceWithOfficeAndCitizens(service);
let otherOfficial: Staff;

beforeAll(async () => {
  otherOfficial = await officialOfAnotherUnit(service, uniqueUnitSymbol());
});

const WHAT = 'Proszę dołączyć kopię mapy zasadniczej i pełnomocnictwo.';

/** A case of the applicant, the key holder linked too. */
async function sharedCase(title: string): Promise<string> {
  const { number } = await caseFromSubmission(service, office, applicant, title);
  await linkByKey(service, number, keyHolder.id);
  return number;
}

describe('calling for completion (KPA art. 64 §2)', () => {
  test('when the official of the unit calls, then 201 with the call, and the case awaits the applicant with its clock stopped and a history entry saying why', async () => {
    const number = await sharedCase('Wniosek o podział nieruchomości');
    const dueDate = callDueDate();
    const res = await callForCompletion(service, office.official.token, number, { what: WHAT, dueDate });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), what: WHAT, dueDate, status: 'open' });

    const detail = (await caseGet(service, office.official.token, 'office', number, '')).body;
    expect(detail.status).toBe('awaiting_applicant');
    expect(detail.pausedSince).not.toBeNull();
    const last = detail.history.at(-1);
    expect(last).toMatchObject({ status: 'awaiting_applicant', changedBy: office.official.login });
    expect(last.note).toContain('Wezwanie do uzupełnienia');
    expect(last.note).toContain(WHAT);
  });

  test('when a call is made, then every linked citizen gets one case_call_for_completion message with its data and a new-message e-mail; a stranger none', async () => {
    const number = await sharedCase('Wniosek o warunki zabudowy');
    const dueDate = callDueDate(3);
    const { id } = (await callForCompletion(service, office.admin.token, number, { what: WHAT, dueDate })).body;
    for (const citizen of [applicant, keyHolder]) {
      await waitUntil(async () => (await messagesOfKind(service, citizen.token, 'case_call_for_completion')).some((m) => m.data.callId === id), 'the call message');
      const [message] = (await messagesOfKind(service, citizen.token, 'case_call_for_completion')).filter((m) => m.data.callId === id);
      expect(message.data).toEqual({ caseNumber: number, callId: id, what: WHAT, dueDate });
      expect(message.subject).toContain(number);
      expect(message.bodyText).toContain(WHAT);
      expect(message.bodyHtml).toContain(`/moje-sprawy/${encodeURIComponent(number)}`);
      await waitUntil(() => service.mail.to(citizen.email).some((m) => m.text.includes(`/skrzynka/${message.id}`)), 'the new-message e-mail');
    }
    expect((await messagesOfKind(service, stranger.token, 'case_call_for_completion')).filter((m) => m.data.callId === id)).toHaveLength(0);
  });

  test('when what is missing is long, then the call keeps all of it and the history a short version', async () => {
    const number = await sharedCase('Wniosek o decyzję zamienną');
    const long = `Proszę dołączyć: ${'dokument '.repeat(100)}`.trim();
    const { id } = (await callForCompletion(service, office.official.token, number, { what: long, dueDate: callDueDate() })).body;
    expect((await caseGet(service, applicant.token, 'citizen', number, '/calls')).body.items.find((c: any) => c.id === id).what).toBe(long);
    const note: string = (await caseGet(service, office.official.token, 'office', number, '')).body.history.at(-1).note;
    expect(note.endsWith('…')).toBe(true);
    expect(note.length).toBeLessThan(400);
  });

  test('when the last day is less than 7 days ahead, then 400 on dueDate and nothing changes', async () => {
    const number = await sharedCase('Wniosek o zaświadczenie o zameldowaniu');
    for (const dueDate of [callDueDate(-1), callDueDate(-7), '2020-01-01']) {
      const res = await callForCompletion(service, office.official.token, number, { what: WHAT, dueDate });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'dueDate', message: expect.stringContaining(callDueDate()) }]);
    }
    expect((await caseGet(service, office.official.token, 'office', number, '')).body.status).toBe('registered');
    expect((await caseGet(service, office.official.token, 'office', number, '/calls')).body.items).toEqual([]);
  });

  test('when the body is malformed, then 400 on its fields', async () => {
    const number = await sharedCase('Wniosek o wypis z rejestru');
    const cases: Array<[unknown, string]> = [
      [{ what: '', dueDate: callDueDate() }, 'what'],
      [{ what: 'x'.repeat(5001), dueDate: callDueDate() }, 'what'],
      [{ what: WHAT, dueDate: '31.12.2026' }, 'dueDate'],
      [{ what: WHAT, dueDate: '2026-02-30' }, 'dueDate'],
      [{ what: WHAT }, 'dueDate'],
      [{ what: WHAT, dueDate: callDueDate(), extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await callForCompletion(service, office.official.token, number, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });

  test('when an official of another unit or a registrar calls, then 403; an unknown case 404; a closed one 409 case_closed', async () => {
    const number = await sharedCase('Wniosek o dzierżawę');
    expect((await callForCompletion(service, otherOfficial.token, number)).status).toBe(403);
    expect((await callForCompletion(service, office.registrar.token, number)).status).toBe(403);
    expect((await callForCompletion(service, applicant.token, number)).status).toBe(403);
    expect((await callForCompletion(service, office.official.token, 'GN.6840.999.2020')).status).toBe(404);
    expect((await changeCase(service, office.official.token, number, { status: 'resolved' })).status).toBe(200);
    const closed = await callForCompletion(service, office.official.token, number);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('case_closed');
  });

  test('when a paper case without linked citizens gets a call, then it still waits for the applicant', async () => {
    const number = await openPaperCase(service, office);
    expect((await callForCompletion(service, office.official.token, number)).status).toBe(201);
    expect((await caseGet(service, office.official.token, 'office', number, '')).body.status).toBe('awaiting_applicant');
  });
});

describe('the lists of calls', () => {
  test('when the office and the linked citizens list the calls, then both see them oldest first; a stranger and another unit get 404', async () => {
    const number = await sharedCase('Wniosek o zmianę planu');
    const first = (await callForCompletion(service, office.official.token, number, { what: 'Pierwsze', dueDate: callDueDate() })).body;
    const second = (await callForCompletion(service, office.official.token, number, { what: 'Drugie', dueDate: callDueDate(5) })).body;
    const expected = [first, second].map((c) => ({ ...c, answeredAt: null, replyId: null }));
    for (const [token, side] of [[office.official.token, 'office'], [office.registrar.token, 'office'], [office.admin.token, 'office'], [applicant.token, 'citizen'], [keyHolder.token, 'citizen']] as const) {
      const res = await caseGet(service, token, side, number, '/calls');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual(expected);
    }
    expect((await caseGet(service, stranger.token, 'citizen', number, '/calls')).status).toBe(404);
    expect((await caseGet(service, otherOfficial.token, 'office', number, '/calls')).status).toBe(404);
    expect((await caseGet(service, applicant.token, 'office', number, '/calls')).status).toBe(403);
  });

  test('when the last day of an open call passes, then it reads as expired at once, and the deadline scan writes it down; the case keeps waiting', async () => {
    const number = await sharedCase('Wniosek o pozwolenie na wycinkę');
    const { id } = (await callForCompletion(service, office.official.token, number)).body;
    await service.ctx.dataSource.query(`UPDATE case_calls SET due_date = current_date - 2 WHERE id = $1`, [id]);
    expect((await caseGet(service, applicant.token, 'citizen', number, '/calls')).body.items[0].status).toBe('expired');
    expect((await service.ctx.dataSource.query(`SELECT status FROM case_calls WHERE id = $1`, [id]))[0].status).toBe('open');

    const result = await service.ctx.services.deadlineScan.scan(new Date());
    expect(result.expiredCalls).toBeGreaterThanOrEqual(1);
    expect((await service.ctx.dataSource.query(`SELECT status FROM case_calls WHERE id = $1`, [id]))[0].status).toBe('expired');
    expect((await service.ctx.services.deadlineScan.scan(new Date())).expiredCalls).toBe(0);
    expect((await caseGet(service, office.official.token, 'office', number, '')).body.status).toBe('awaiting_applicant');
  });

  test('when a call is made in a case already paused, then the first stop of the clock is kept', async () => {
    const number = await sharedCase('Wniosek o rozgraniczenie działek');
    expect((await changeCase(service, office.official.token, number, { status: 'suspended' })).status).toBe(200);
    await backdatePause(service, number, 3 * 24 * 3600 * 1000);
    const before = (await caseGet(service, office.official.token, 'office', number, '')).body.pausedSince;
    expect((await callForCompletion(service, office.official.token, number)).status).toBe(201);
    const after = (await caseGet(service, office.official.token, 'office', number, '')).body;
    expect(after.status).toBe('awaiting_applicant');
    expect(after.pausedSince).toBe(before);
  });
});

describe('the OpenAPI document', () => {
  test('when it is read, then it describes every correspondence call with its failures', async () => {
    const { paths } = (await service.api('GET', '/api/v1/openapi.json')).body;
    const expected: Array<[string, string, string[]]> = [
      ['/api/v1/office/cases/{number}/calls', 'post', ['201', '400', '403', '404', '409']],
      ['/api/v1/office/cases/{number}/calls', 'get', ['200', '404']],
      ['/api/v1/cases/{number}/calls', 'get', ['200', '404']],
      ['/api/v1/cases/{number}/replies', 'post', ['201', '400', '404', '409', '413']],
      ['/api/v1/office/cases/{number}/letters', 'post', ['201', '400', '403', '404', '413']],
      ['/api/v1/cases/{number}/letters/{id}', 'get', ['200', '404']],
      ['/api/v1/cases/{number}/documents', 'get', ['200', '404']],
      ['/api/v1/office/cases/{number}/documents', 'get', ['200', '404']],
      ['/api/v1/cases/{number}/documents/{documentId}/attachments/{attachmentId}', 'get', ['200', '404']],
      ['/api/v1/office/cases/{number}/documents/{documentId}/attachments/{attachmentId}', 'get', ['200', '404']],
    ];
    for (const [path, method, statuses] of expected) expect(Object.keys(paths[path][method].responses)).toEqual(expect.arrayContaining(statuses));
    expect(paths['/api/v1/cases/{number}/documents'].get.responses['200'].content['application/json'].schema).toBeDefined();
  });
});
