import { codeIn } from '../../support/mail-catcher';
import { TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const NEW_PASSWORD = 'Nowe-Mocne-Haslo-Wiosenne';
const me = (token: string) => service.api('GET', '/api/v1/me', { token });
const changePassword = (token: string, currentPassword: string, newPassword = NEW_PASSWORD) =>
  service.api('POST', '/api/v1/me/password', { token, body: { currentPassword, newPassword } });
const changeEmail = (token: string, email: string, password: string) => service.api('POST', '/api/v1/me/email', { token, body: { email, password } });
const confirmEmail = (token: string, code: string) => service.api('POST', '/api/v1/me/email/confirm', { token, body: { code } });

const CODE_SUBJECT = /Potwierdź nowy adres/;
const NOTICE_SUBJECT = /zmianę adresu e-mail/;

describe('POST /me/password', () => {
  test('when the current password is right, then 204, the account’s tokens are refused, the new password logs in, and an e-mail says so', async () => {
    const citizen = await service.citizen();
    const other = await service.login(citizen.login, citizen.password);
    const res = await changePassword(citizen.token, citizen.password);
    expect(res.status).toBe(204);
    expect((await me(other)).status).toBe(401);
    // The caller's own bearer token too: a 204 carries no new one (documented on the route).
    expect((await me(citizen.token)).status).toBe(401);
    expect((await service.api('POST', '/api/v1/auth/login', { body: { login: citizen.login, password: citizen.password } })).status).toBe(401);
    expect((await me(await service.login(citizen.login, NEW_PASSWORD))).status).toBe(200);
    await service.mail.waitFor(citizen.email, /Hasło do Twojego konta zostało zmienione/);
  });

  test('when the current password is wrong, then 400 wrong_password and nothing changes', async () => {
    const citizen = await service.citizen();
    const res = await changePassword(citizen.token, 'Zupelnie-Nie-To-Haslo');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'wrong_password' });
    expect((await me(citizen.token)).status).toBe(200);
    expect(await service.login(citizen.login, citizen.password)).toEqual(expect.any(String));
  });

  test('when the new password is weak, common or the login, then 400 validation_failed on newPassword', async () => {
    const citizen = await service.citizen();
    for (const newPassword of ['krotkie', 'qwertyuiop!!', citizen.login]) {
      const res = await changePassword(citizen.token, citizen.password, newPassword);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
    }
    expect((await me(citizen.token)).status).toBe(200);
  });

  test('when wrong current passwords are guessed with a stolen token, then the login failure limit stops them with 429', async () => {
    const citizen = await service.citizen();
    const limit = service.ctx.config.rateLimits.loginFailures;
    for (let i = 0; i < limit; i++) expect((await changePassword(citizen.token, `Zgadywane-Haslo-${i}-xx`)).status).toBe(400);
    expect((await changePassword(citizen.token, citizen.password)).status).toBe(429);
  });

  test('when there is no token or a bad body, then 401 or 400', async () => {
    expect((await service.api('POST', '/api/v1/me/password', { body: { currentPassword: 'a', newPassword: 'b' } })).status).toBe(401);
    const citizen = await service.citizen();
    const res = await service.api('POST', '/api/v1/me/password', { token: citizen.token, body: { newPassword: NEW_PASSWORD } });
    expect(res.body.code).toBe('validation_failed');
  });
});

describe('POST /me/email and /me/email/confirm', () => {
  test('when the address is free, then 202, the new address gets the code, the old one a notice, and confirming answers /me with the new address', async () => {
    const citizen = await service.citizen();
    const newEmail = `nowy.${citizen.login}@example.pl`;
    const res = await changeEmail(citizen.token, ` ${newEmail} `, citizen.password);
    expect(res.status).toBe(202);
    const code = codeIn(await service.mail.waitFor(newEmail, CODE_SUBJECT), 'Kod potwierdzenia adresu');
    const notice = await service.mail.waitFor(citizen.email, NOTICE_SUBJECT);
    expect(notice.text).toContain(newEmail);
    // Not changed until confirmed.
    expect((await me(citizen.token)).body.email).toBe(citizen.email);
    const confirmed = await confirmEmail(citizen.token, code);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ ...(await me(citizen.token)).body, email: newEmail });
    expect(JSON.stringify(await service.ctx.dataSource.query(`SELECT * FROM account_codes WHERE user_id = $1`, [citizen.id]))).not.toContain(code);
    // The old address is free for someone else now.
    expect((await service.api('POST', '/api/v1/auth/register', { body: { login: `inny.${citizen.login}`.slice(0, 32), email: citizen.email, password: 'Zielona-Herbata-Inna-Osoba', firstName: 'Ola', lastName: 'Nowak', acceptTerms: true } })).status).toBe(202);
    await service.mail.waitFor(citizen.email, /Kod aktywacyjny/);
  });

  test('when the address belongs to another account, then the same 202, no code is sent to it, and a code cannot take it', async () => {
    const owner = await service.citizen();
    const citizen = await service.citizen();
    const free = await changeEmail(citizen.token, `wolny.${citizen.login}@example.pl`, citizen.password);
    const taken = await changeEmail(citizen.token, owner.email.toUpperCase(), citizen.password);
    expect(taken.status).toBe(free.status);
    expect(taken.body).toEqual(free.body);
    await service.mail.waitFor(citizen.email, NOTICE_SUBJECT, 2);
    expect(service.mail.to(owner.email).filter((m) => CODE_SUBJECT.test(m.subject))).toEqual([]);
    // Even with the row's code (read here as the worker would), the taken address is refused.
    const [row] = await service.ctx.dataSource.query(`SELECT id FROM account_codes WHERE user_id = $1 AND spent_at IS NULL`, [citizen.id]);
    expect(row).toBeDefined();
    expect((await confirmEmail(citizen.token, 'ZZZZZZZZ')).body.code).toBe('invalid_code');
    expect((await me(citizen.token)).body.email).toBe(citizen.email);
  });

  test('when the address is taken by someone else between the request and the confirmation, then invalid_code', async () => {
    const citizen = await service.citizen();
    const newEmail = `sporny.${citizen.login}@example.pl`;
    expect((await changeEmail(citizen.token, newEmail, citizen.password)).status).toBe(202);
    const code = codeIn(await service.mail.waitFor(newEmail, CODE_SUBJECT), 'Kod potwierdzenia adresu');
    await service.citizen({ email: newEmail });
    const res = await confirmEmail(citizen.token, code);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_code');
    expect((await me(citizen.token)).body.email).toBe(citizen.email);
  });

  test('when the code is wrong, used, expired, another account’s, or tried 5 times wrong, then invalid_code', async () => {
    const a = await service.citizen();
    const b = await service.citizen();
    const emailA = `a.${a.login}@example.pl`;
    const emailB = `b.${b.login}@example.pl`;
    await changeEmail(a.token, emailA, a.password);
    await changeEmail(b.token, emailB, b.password);
    const codeA = codeIn(await service.mail.waitFor(emailA, CODE_SUBJECT), 'Kod potwierdzenia adresu');
    const codeB = codeIn(await service.mail.waitFor(emailB, CODE_SUBJECT), 'Kod potwierdzenia adresu');
    expect((await confirmEmail(a.token, codeB)).body.code).toBe('invalid_code');
    for (let i = 0; i < 4; i++) expect((await confirmEmail(a.token, 'ZZZZ0000')).body.code).toBe('invalid_code');
    // One wrong try went on codeB above against a's row too: five in all now.
    expect((await confirmEmail(a.token, codeA)).body.code).toBe('invalid_code');
    expect((await confirmEmail(b.token, codeB)).status).toBe(200);
    expect((await confirmEmail(b.token, codeB)).body.code).toBe('invalid_code');

    const c = await service.citizen();
    const emailC = `c.${c.login}@example.pl`;
    await changeEmail(c.token, emailC, c.password);
    const codeC = codeIn(await service.mail.waitFor(emailC, CODE_SUBJECT), 'Kod potwierdzenia adresu');
    await service.ctx.dataSource.query(`UPDATE account_codes SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [c.id]);
    expect((await confirmEmail(c.token, codeC)).body.code).toBe('invalid_code');
  });

  test('when the password is wrong or the address malformed, then 400 wrong_password or validation_failed and no e-mail', async () => {
    const citizen = await service.citizen();
    const wrong = await changeEmail(citizen.token, `x.${citizen.login}@example.pl`, 'Nie-To-Haslo-Wcale');
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('wrong_password');
    const bad = await changeEmail(citizen.token, 'to nie adres', citizen.password);
    expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'email', message: expect.any(String) }] });
    expect((await service.api('POST', '/api/v1/me/email', { token: citizen.token, body: { email: `x.${citizen.login}@example.pl` } })).body.code).toBe('validation_failed');
    expect((await service.api('POST', '/api/v1/me/email/confirm', { token: citizen.token, body: {} })).body.code).toBe('validation_failed');
    await new Promise((r) => setTimeout(r, 300));
    expect(service.mail.to(citizen.email).filter((m) => NOTICE_SUBJECT.test(m.subject))).toEqual([]);
  });
});
