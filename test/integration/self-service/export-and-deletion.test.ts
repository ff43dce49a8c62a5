import { isRefusedInDatabase } from '../../../services/auth/session-standing.repository';
import { caseFromSubmission, checkStatus, awaitAnswer } from '../../support/citizen-cases';
import { createOffice, type Office } from '../../support/office';
import { newCitizenData, TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let office: Office;
beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
});
afterAll(() => service.stop());

const me = (token: string) => service.api('GET', '/api/v1/me', { token });
const deleteMe = (token: string, password: string) => service.api('DELETE', '/api/v1/me', { token, body: { password } });

/** The claims of one of our tokens (its signature was checked where it was issued). */
function claimsOf(token: string): { sub: string; sid: string; ver: number } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** A citizen with a letter (and an attachment) that became a case, and an answered status check. */
async function citizenWithCase(): Promise<Citizen & { caseNumber: string; submissionId: string }> {
  const citizen = await service.citizen();
  const sub = await service.api('POST', '/api/v1/submissions', {
    token: citizen.token,
    body: { title: 'Wniosek o wypis', content: 'Proszę o wypis z rejestru gruntów.', attachments: [{ filename: 'mapa.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4 mapa').toString('base64') }] },
  });
  expect(sub.status).toBe(201);
  // The case is opened from a second letter; the first (with the attachment) waits in the ESP.
  await caseFromSubmission(service, office, citizen, 'Wniosek o wypis');
  const [{ number }] = await service.ctx.dataSource.query(`SELECT number FROM cases c JOIN submissions s ON s.id = c.submission_id WHERE s.user_id = $1`, [citizen.id]);
  const check = await checkStatus(service, citizen.token, number);
  await awaitAnswer(service, citizen.token, check.id);
  return { ...citizen, caseNumber: number, submissionId: sub.body.id };
}

describe('GET /me/export', () => {
  test('when a citizen asks, then the account, messages, letters with content and attachment names, linked cases, status checks and own login history', async () => {
    const citizen = await citizenWithCase();
    const res = await service.api('GET', '/api/v1/me/export', { token: citizen.token });
    expect(res.status).toBe(200);
    const data = res.body;
    expect(data.account).toMatchObject({ id: citizen.id, login: citizen.login, email: citizen.email, firstName: 'Jan', termsVersion: expect.any(String) });
    expect(data.messages.length).toBeGreaterThanOrEqual(2); // the receipts and the status answer
    expect(data.messages.every((m: any) => m.subject && m.bodyText)).toBe(true);
    const letter = data.submissions.find((s: any) => s.id === citizen.submissionId);
    expect(letter).toMatchObject({ title: 'Wniosek o wypis', content: 'Proszę o wypis z rejestru gruntów.', attachments: [{ filename: 'mapa.pdf', contentType: 'application/pdf', sizeBytes: 13 }] });
    expect(data.submissions.find((s: any) => s.caseNumber === citizen.caseNumber)).toBeDefined();
    expect(data.cases).toEqual([expect.objectContaining({ number: citizen.caseNumber, via: 'submission' })]);
    expect(data.statusChecks).toEqual([expect.objectContaining({ caseNumber: citizen.caseNumber, status: 'delivered' })]);
    expect(data.logins).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'login.succeeded' })]));
    // Another person's data never shows.
    const other = await service.citizen();
    const theirs = await service.api('GET', '/api/v1/me/export', { token: other.token });
    expect(theirs.body).toMatchObject({ messages: [], submissions: [], cases: [], statusChecks: [] });
    expect(JSON.stringify(theirs.body)).not.toContain(citizen.login);
  });

  test('when there is no token, then 401', async () => {
    expect((await service.api('GET', '/api/v1/me/export')).status).toBe(401);
  });
});

describe('DELETE /me', () => {
  test('when the password is wrong or missing, then 400 wrong_password or validation_failed and the account stays', async () => {
    const citizen = await service.citizen();
    const res = await deleteMe(citizen.token, 'Zupelnie-Nie-To-Haslo');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('wrong_password');
    expect((await service.api('DELETE', '/api/v1/me', { token: citizen.token, body: {} })).body.code).toBe('validation_failed');
    expect((await me(citizen.token)).status).toBe(200);
  });

  test('when a citizen with a case deletes the account, then it cannot log in, old tokens die in Redis and in PostgreSQL, messages, status checks and links are erased, the case keeps its letter under the name given, and the login and address are free again', async () => {
    const citizen = await citizenWithCase();
    const second = await service.login(citizen.login, citizen.password);
    expect((await deleteMe(citizen.token, citizen.password)).status).toBe(204);

    expect((await me(citizen.token)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
    const { sub, sid, ver } = claimsOf(second);
    expect(await isRefusedInDatabase(service.ctx.dataSource, sub, sid, ver)).toBe(true);
    expect((await service.api('POST', '/api/v1/auth/login', { body: { login: citizen.login, password: citizen.password } })).status).toBe(401);

    const count = async (sql: string) => (await service.ctx.dataSource.query(sql, [citizen.id]))[0].n;
    expect(await count(`SELECT count(*)::int AS n FROM messages WHERE user_id = $1`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM status_checks WHERE user_id = $1`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM case_links WHERE user_id = $1`)).toBe(0);
    const [row] = await service.ctx.dataSource.query(`SELECT login, email, status, first_name, last_name, password_hash FROM users WHERE id = $1`, [citizen.id]);
    expect(row).toMatchObject({ status: 'deleted', first_name: 'Jan', last_name: 'Kowalski' });
    expect(row.login).not.toBe(citizen.login);
    expect(row.email).not.toContain(citizen.email);
    expect(row.email).toMatch(/\.invalid$/);

    // The case and its documents stay, under the name given.
    const [letter] = await service.ctx.dataSource.query(`SELECT s.content, s.title FROM submissions s JOIN cases c ON c.submission_id = s.id WHERE c.number = $1`, [citizen.caseNumber]);
    expect(letter).toEqual({ content: 'Treść: Wniosek o wypis', title: 'Wniosek o wypis' });
    const attachment = await service.ctx.dataSource.query(`SELECT filename FROM submission_attachments WHERE submission_id = $1`, [citizen.submissionId]);
    expect(attachment).toEqual([{ filename: 'mapa.pdf' }]);
    const list = await service.api('GET', '/api/v1/office/submissions', { token: office.registrar.token });
    const seen = list.body.items.filter((i: any) => i.id === citizen.submissionId);
    expect(seen).toEqual([expect.objectContaining({ sender: { firstName: 'Jan', lastName: 'Kowalski' } })]);

    // Login and address can be registered again.
    const again = newCitizenData({ login: citizen.login, email: citizen.email });
    expect((await service.api('POST', '/api/v1/auth/register', { body: { ...again, acceptTerms: true } })).status).toBe(202);
    await service.mail.waitFor(citizen.email, /Kod aktywacyjny/, 2);
    const audit = await service.ctx.dataSource.query(`SELECT actor FROM audit_entries WHERE action = 'account.deleted' AND subject = $1`, [citizen.id]);
    expect(audit).toEqual([{ actor: citizen.login }]);
  });

  test('when an account with no case documents is deleted, then its names go too', async () => {
    const citizen = await service.citizen();
    expect((await deleteMe(citizen.token, citizen.password)).status).toBe(204);
    const [row] = await service.ctx.dataSource.query(`SELECT first_name, last_name, status FROM users WHERE id = $1`, [citizen.id]);
    expect(row).toEqual({ first_name: '', last_name: '', status: 'deleted' });
  });

  test('when a staff member tries, then 403: staff accounts are the office’s to disable', async () => {
    const res = await deleteMe(office.official.token, office.official.password);
    expect(res.status).toBe(403);
    expect((await me(office.official.token)).status).toBe(200);
  });
});
