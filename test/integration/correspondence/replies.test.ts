import { backdatePause, changeCase, linkByKey } from '../../support/cases';
import { caseFromSubmission } from '../../support/citizen-cases';
import { callDueDate, callForCompletion, caseGet, messagesOfKind, reply, textFile } from '../../support/correspondence';
import { serviceWithOfficeAndCitizens } from '../../support/reminders';
import { TestService } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
const { office, applicant, keyHolder, stranger } = serviceWithOfficeAndCitizens(service);

const DAY_MS = 24 * 3600 * 1000;
const CONTENT = 'W załączeniu przesyłam brakującą mapę.';

/** A case of the applicant (the key holder linked too) with one open call; answers the number and the call's id. */
async function caseWithCall(title: string): Promise<{ number: string; callId: string }> {
  const { number } = await caseFromSubmission(service, office, applicant, title);
  await linkByKey(service, number, keyHolder.id);
  const res = await callForCompletion(service, office.official.token, number);
  if (res.status !== 201) throw new Error(`call: ${res.status} ${JSON.stringify(res.body)}`);
  return { number, callId: res.body.id };
}

describe('replying to a call for completion', () => {
  test('when a linked citizen answers an open call, then 201 with a receipt, the call is answered and the case is back in progress with its clock moved on', async () => {
    const { number, callId } = await caseWithCall('Wniosek o podział działki');
    await backdatePause(service, number, 3 * DAY_MS);
    const paused = (await caseGet(service, office.official.token, 'office', number, '')).body;

    const res = await reply(service, keyHolder.token, number, { content: CONTENT, callId, attachments: [textFile('mapa.txt')] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), receiptNumber: expect.stringMatching(/^ESP\/\d{4}\/\d{6}$/), submittedAt: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const [call] = (await caseGet(service, applicant.token, 'citizen', number, '/calls')).body.items;
    expect(call).toMatchObject({ id: callId, status: 'answered', replyId: res.body.id, answeredAt: expect.any(String) });

    const detail = (await caseGet(service, office.official.token, 'office', number, '')).body;
    expect(detail.status).toBe('in_progress');
    expect(detail.pausedSince).toBeNull();
    // Four calendar days touched by the pause (three back and today) move the deadline on by at least 4 days.
    expect(new Date(detail.dueAt).getTime() - new Date(paused.dueAt).getTime()).toBeGreaterThanOrEqual(4 * DAY_MS - 3600_000);
    expect(detail.history.at(-1)).toMatchObject({ status: 'in_progress', changedBy: null, note: expect.stringContaining(res.body.receiptNumber) });
  });

  test('when a reply is accepted, then its sender gets a submission_received message with the receipt, and it is listed among their letters with its case', async () => {
    const { number, callId } = await caseWithCall('Wniosek o wydanie decyzji');
    const { body } = await reply(service, applicant.token, number, { content: CONTENT, callId });
    await waitUntil(async () => (await messagesOfKind(service, applicant.token, 'submission_received')).some((m) => m.data.submissionId === body.id), 'the receipt');
    const [receipt] = (await messagesOfKind(service, applicant.token, 'submission_received')).filter((m) => m.data.submissionId === body.id);
    expect(receipt.data).toEqual({ submissionId: body.id, receiptNumber: body.receiptNumber, submittedAt: body.submittedAt, sha256: body.sha256 });
    const own = (await service.api('GET', '/api/v1/submissions', { token: applicant.token })).body.items.find((s: any) => s.id === body.id);
    expect(own).toMatchObject({ caseNumber: number, receiptNumber: body.receiptNumber });
    // Replies never wait on the registrar's list.
    const waiting = (await service.api('GET', '/api/v1/office/submissions?status=received', { token: office.registrar.token })).body.items;
    expect(waiting.map((s: any) => s.id)).not.toContain(body.id);
  });

  test('when a reply arrives, then the responsible official is told by e-mail, without the text of the reply', async () => {
    const { number, callId } = await caseWithCall('Wniosek o zwrot opłaty');
    const { body } = await reply(service, applicant.token, number, { content: CONTENT, callId });
    const officialEmail = (await service.ctx.dataSource.query(`SELECT email FROM users WHERE login = $1`, [office.official.login]))[0].email;
    // Staff made without an address get a placeholder no mail reaches: then the unit's address is used.
    const to = officialEmail.endsWith('.invalid') ? 'gn@urzad.example' : officialEmail;
    const mail = await service.mail.waitFor(to, new RegExp(`Odpowiedź na wezwanie w sprawie ${number.replace(/\./g, '\\.')}`));
    expect(mail.text).toContain(body.receiptNumber);
    expect(mail.text).toContain(`/urzad/sprawy/${encodeURIComponent(number)}`);
    expect(mail.text).not.toContain(CONTENT);
  });

  test('when a reply names no call, then it is accepted and the case stays as it was', async () => {
    const { number } = await caseWithCall('Wniosek o zajęcie pasa drogowego');
    const res = await reply(service, applicant.token, number, { content: 'Dodatkowe wyjaśnienia.' });
    expect(res.status).toBe(201);
    expect((await caseGet(service, office.official.token, 'office', number, '')).body.status).toBe('awaiting_applicant');
    expect((await caseGet(service, applicant.token, 'citizen', number, '/calls')).body.items[0].status).toBe('open');
  });

  test('when two replies answer the same call at once, then one answers it and the other is refused on callId; the case moves once', async () => {
    const { number, callId } = await caseWithCall('Wniosek o scalenie działek');
    const results = await Promise.all([applicant, keyHolder].map((c) => reply(service, c.token, number, { content: CONTENT, callId })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    const history = (await caseGet(service, office.official.token, 'office', number, '')).body.history;
    expect(history.filter((h: any) => h.status === 'in_progress')).toHaveLength(1);
    const [call] = (await caseGet(service, applicant.token, 'citizen', number, '/calls')).body.items;
    expect(call.replyId).toBe(results.find((r) => r.status === 201)!.body.id);
  });

  test('when one of two open calls is answered, then the case keeps waiting for the other', async () => {
    const { number, callId } = await caseWithCall('Wniosek o pozwolenie na budowę');
    expect((await callForCompletion(service, office.official.token, number, { what: 'Drugie wezwanie', dueDate: callDueDate(2) })).status).toBe(201);
    expect((await reply(service, applicant.token, number, { content: CONTENT, callId })).status).toBe(201);
    expect((await caseGet(service, office.official.token, 'office', number, '')).body.status).toBe('awaiting_applicant');
  });
});

describe('replies that are refused', () => {
  test('when the call belongs to another case, does not exist, or was answered already, then 400 on callId and nothing is stored', async () => {
    const { number, callId } = await caseWithCall('Wniosek o najem lokalu');
    const other = await caseWithCall('Wniosek o użyczenie');
    const count = async () => (await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE kind = 'reply'`))[0].n;
    const before = await count();
    for (const id of [other.callId, '00000000-0000-4000-8000-000000000000']) {
      const res = await reply(service, applicant.token, number, { content: CONTENT, callId: id });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'callId', message: expect.stringContaining('nie ma takiego wezwania') }]);
    }
    expect(await count()).toBe(before);
    expect((await reply(service, applicant.token, number, { content: CONTENT, callId })).status).toBe(201);
    const again = await reply(service, keyHolder.token, number, { content: CONTENT, callId });
    expect(again.status).toBe(400);
    expect(again.body.errors[0]).toMatchObject({ field: 'callId', message: expect.stringContaining('nie czeka już na odpowiedź') });
  });

  test('when the call has expired, then 400 on callId; a reply without the call is still accepted', async () => {
    const { number, callId } = await caseWithCall('Wniosek o przydział lokalu');
    await service.ctx.dataSource.query(`UPDATE case_calls SET due_date = current_date - 2 WHERE id = $1`, [callId]);
    expect((await reply(service, applicant.token, number, { content: CONTENT, callId })).status).toBe(400);
    expect((await reply(service, applicant.token, number, { content: CONTENT })).status).toBe(201);
  });

  test('when the case is closed, then 409 case_closed; another citizen and an unknown case get 404; staff 403', async () => {
    const { number } = await caseWithCall('Wniosek o zwolnienie z opłaty');
    expect((await reply(service, stranger.token, number, { content: CONTENT })).status).toBe(404);
    expect((await reply(service, applicant.token, 'GN.6840.999.2020', { content: CONTENT })).status).toBe(404);
    expect((await reply(service, office.official.token, number, { content: CONTENT })).status).toBe(403);
    expect((await changeCase(service, office.official.token, number, { status: 'discontinued' })).status).toBe(200);
    const closed = await reply(service, applicant.token, number, { content: CONTENT });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('case_closed');
  });

  test('when the content or the files break the submission rules, then 400 on the field, and 413 over 5 MiB of files', async () => {
    const { number } = await caseWithCall('Wniosek o decyzję środowiskową');
    const bad: Array<[unknown, string]> = [
      [{ content: '' }, 'content'],
      [{ content: 'x'.repeat(100_001) }, 'content'],
      [{ content: CONTENT, callId: 'abc' }, 'callId'],
      [{ content: CONTENT, attachments: Array.from({ length: 6 }, (_, i) => textFile(`plik${i}.txt`)) }, 'attachments'],
      [{ content: CONTENT, attachments: [{ filename: '../../etc/passwd', contentType: 'text/plain', dataBase64: 'YQ==' }] }, 'attachments.0.filename'],
      [{ content: CONTENT, attachments: [{ filename: 'a.txt', contentType: 'text/plain', dataBase64: '!!!' }] }, 'attachments.0.dataBase64'],
      [{ content: CONTENT, title: 'x' }, 'title'],
    ];
    for (const [body, field] of bad) {
      const res = await reply(service, applicant.token, number, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1).toString('base64');
    const tooLarge = await reply(service, applicant.token, number, { content: CONTENT, attachments: [{ filename: 'duzy.pdf', contentType: 'application/pdf', dataBase64: big }] });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('payload_too_large');
  });
});

describe('replies count against the hourly allowance of letters (RATE_LIMIT_SUBMISSIONS)', () => {
  test('when an account has sent as many letters as the hour allows, then a reply is 429 with Retry-After as well', async () => {
    const { number } = await caseFromSubmission(service, office, applicant, 'Wniosek o wycinkę drzewa');
    const party = await service.citizen();
    await linkByKey(service, number, party.id);
    const allowance = service.ctx.config.rateLimits.submissions;
    for (let i = 0; i < allowance; i++) expect((await reply(service, party.token, number, { content: `Pismo nr ${i + 1}` })).status).toBe(201);

    const refused = await reply(service, party.token, number, { content: 'Jeszcze jedno pismo.' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body.code).toBe('too_many_requests');
  });
});
