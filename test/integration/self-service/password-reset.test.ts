import { codeIn } from '../../support/mail-catcher';
import { waitUntil } from '../../support/wait';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const RESET_SUBJECT = /Kod resetowania hasła/;
const NEW_PASSWORD = 'Nowe-Mocne-Haslo-Jesienne';

const requestReset = (login: string) => service.api('POST', '/api/v1/auth/password-reset', { body: { login } });
const confirm = (login: string, code: string, password = NEW_PASSWORD) =>
  service.api('POST', '/api/v1/auth/password-reset/confirm', { body: { login, code, password } });
const me = (token: string) => service.api('GET', '/api/v1/me', { token });

/** A citizen who asked for a reset, with the code from the e-mail. */
async function withResetCode(count = 1): Promise<Citizen & { code: string }> {
  const citizen = await service.citizen();
  for (let i = 0; i < count; i++) expect((await requestReset(citizen.login)).status).toBe(202);
  const mail = await service.mail.waitFor(citizen.email, RESET_SUBJECT, count);
  return { ...citizen, code: codeIn(mail, 'Kod resetowania hasła') };
}

function wrongCodeFor(code: string): string {
  return code.slice(0, -1) + (code.at(-1) === '0' ? '1' : '0');
}

let invalidCodeBody: unknown;
function expectInvalidCode(res: { status: number; body: any }): void {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ status: 400, code: 'invalid_code' });
  invalidCodeBody ??= res.body;
  expect(res.body).toEqual(invalidCodeBody);
}

describe('POST /auth/password-reset', () => {
  test('when an active account asks, then 202 and its address gets the code, kept in the database as a keyed hash only', async () => {
    const citizen = await withResetCode();
    expect(citizen.code).toMatch(/^[0-9A-Z]{8}$/);
    const rows = () => service.ctx.dataSource.query(`SELECT seed, code_hash FROM account_codes WHERE user_id = $1`, [citizen.id]);
    await waitUntil(async () => (await rows())[0].seed === null, 'the seed to be erased');
    expect(JSON.stringify(await rows())).not.toContain(citizen.code);
    const outbox = await service.ctx.dataSource.query(`SELECT payload FROM outbox_events WHERE job_name = 'mail.password-reset-code'`);
    expect(JSON.stringify(outbox)).not.toContain(citizen.code);
  });

  test('when the login is unknown, then the same 202, no e-mail goes out, and the work is the same (one code row, one outbox event, then the row is dropped)', async () => {
    const before = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE job_name = 'mail.password-reset-code'`);
    const known = await service.citizen();
    const a = await requestReset(known.login);
    const b = await requestReset('nikt.taki.nie.istnieje');
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
    const after = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE job_name = 'mail.password-reset-code'`);
    expect(after[0].n - before[0].n).toBe(2);
    await service.mail.waitFor(known.email, RESET_SUBJECT);
    await waitUntil(async () => (await service.ctx.dataSource.query(`SELECT 1 FROM account_codes WHERE user_id IS NULL`)).length === 0, 'the row of nobody to go');
  });

  test('when an account is not activated yet, then the same 202 and no code is sent', async () => {
    const reg = await service.api('POST', '/api/v1/auth/register', {
      body: { login: 'oczekujacy.reset', email: 'oczekujacy.reset@example.pl', password: 'Zielona-Herbata-Oczekuje', firstName: 'Ewa', lastName: 'Nowak', acceptTerms: true },
    });
    expect(reg.status).toBe(202);
    await service.mail.waitFor('oczekujacy.reset@example.pl', /Kod aktywacyjny/);
    expect((await requestReset('oczekujacy.reset')).status).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    expect(service.mail.to('oczekujacy.reset@example.pl').filter((m) => RESET_SUBJECT.test(m.subject))).toEqual([]);
  });

  test('when more resets are asked for one login than RATE_LIMIT_PASSWORD_RESETS allows in an hour, then 429 with Retry-After, for unknown logins alike', async () => {
    const limit = service.ctx.config.rateLimits.passwordResets;
    for (const login of [(await service.citizen()).login, 'nieznany.login.limit']) {
      for (let i = 0; i < limit; i++) expect((await requestReset(login)).status).toBe(202);
      const refused = await requestReset(login);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('too_many_requests');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  test('when the body is bad, then 400 validation_failed', async () => {
    expect((await service.api('POST', '/api/v1/auth/password-reset', { body: {} })).body.code).toBe('validation_failed');
    expect((await service.api('POST', '/api/v1/auth/password-reset', { body: { login: 'a', extra: 1 } })).body.code).toBe('validation_failed');
  });
});

describe('POST /auth/password-reset/confirm', () => {
  test('when the code is right, then 200 password_changed, the old token and every other are refused, the new password logs in, and an e-mail says so', async () => {
    const citizen = await withResetCode();
    const second = await service.login(citizen.login, citizen.password);
    const res = await confirm(citizen.login, citizen.code.toLowerCase());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'password_changed' });
    expect((await me(citizen.token)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
    const old = await service.api('POST', '/api/v1/auth/login', { body: { login: citizen.login, password: citizen.password } });
    expect(old.status).toBe(401);
    expect((await me(await service.login(citizen.login, NEW_PASSWORD))).status).toBe(200);
    const mail = await service.mail.waitFor(citizen.email, /Hasło do Twojego konta zostało zmienione/);
    expect(mail.text).toContain(citizen.login);
  });

  test('when the code was used already, then invalid_code', async () => {
    const citizen = await withResetCode();
    expect((await confirm(citizen.login, citizen.code)).status).toBe(200);
    expectInvalidCode(await confirm(citizen.login, citizen.code, 'Jeszcze-Inne-Haslo-Zimowe'));
  });

  test('when the code has expired (after an hour), then invalid_code and the password stays', async () => {
    const citizen = await withResetCode();
    const [row] = await service.ctx.dataSource.query(`SELECT expires_at - created_at AS valid FROM account_codes WHERE user_id = $1`, [citizen.id]);
    expect(row.valid).toEqual({ hours: 1 });
    await service.ctx.dataSource.query(`UPDATE account_codes SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [citizen.id]);
    expectInvalidCode(await confirm(citizen.login, citizen.code));
    expect((await me(citizen.token)).status).toBe(200);
  });

  test('when 5 wrong codes were tried, then even the right one is refused; after 4 it still works', async () => {
    const five = await withResetCode();
    for (let i = 0; i < 5; i++) expectInvalidCode(await confirm(five.login, wrongCodeFor(five.code)));
    expectInvalidCode(await confirm(five.login, five.code));
    const four = await withResetCode();
    for (let i = 0; i < 4; i++) expectInvalidCode(await confirm(four.login, wrongCodeFor(four.code)));
    expect((await confirm(four.login, four.code)).status).toBe(200);
  });

  test('when a newer code was asked for, then the older one is dead', async () => {
    const citizen = await withResetCode();
    expect((await requestReset(citizen.login)).status).toBe(202);
    const newer = codeIn(await service.mail.waitFor(citizen.email, RESET_SUBJECT, 2), 'Kod resetowania hasła');
    expectInvalidCode(await confirm(citizen.login, citizen.code));
    expect((await confirm(citizen.login, newer)).status).toBe(200);
  });

  test('when the code is another account’s, or the login unknown, then the same invalid_code', async () => {
    const a = await withResetCode();
    const b = await withResetCode();
    expectInvalidCode(await confirm(a.login, b.code));
    expectInvalidCode(await confirm('nikt.taki', a.code));
    expect((await confirm(b.login, b.code)).status).toBe(200);
  });

  test('when the new password is weak, common or the login, then 400 validation_failed on password, and the code still works after', async () => {
    const citizen = await withResetCode();
    for (const password of ['krotkie', 'password1234', citizen.login]) {
      const res = await confirm(citizen.login, citizen.code, password);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    }
    expect((await confirm(citizen.login, citizen.code)).status).toBe(200);
  });

  test('when fields are missing or unknown, then 400 validation_failed', async () => {
    expect((await service.api('POST', '/api/v1/auth/password-reset/confirm', { body: { login: 'jan' } })).body.code).toBe('validation_failed');
    expect((await service.api('POST', '/api/v1/auth/password-reset/confirm', { body: { login: 'jan', code: 'X', password: NEW_PASSWORD, role: 'admin' } })).body.code).toBe('validation_failed');
  });
});
