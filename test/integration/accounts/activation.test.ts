import { activationCodeIn } from '../../support/mail-catcher';
import { waitUntil } from '../../support/wait';
import { newCitizenData, TestService, type CitizenData } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const activate = (login: string, code: string) => service.api('POST', '/api/v1/auth/activate', { body: { login, code } });

/** Registers a new citizen and returns their data with the e-mailed activation code. */
async function pending(): Promise<CitizenData & { code: string }> {
  const data = newCitizenData();
  const res = await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } });
  expect(res.status).toBe(202);
  const mail = await service.mail.waitFor(data.email, /Kod aktywacyjny/);
  return { ...data, code: activationCodeIn(mail) };
}

/** A code of the same shape that is not `code`. */
function wrongCodeFor(code: string): string {
  const last = code.at(-1) === '0' ? '1' : '0';
  return code.slice(0, -1) + last;
}

let invalidCodeBody: unknown;

function expectInvalidCode(res: { status: number; body: any; headers: Headers }): void {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 400, code: 'invalid_code' });
  invalidCodeBody ??= res.body;
  expect(res.body).toEqual(invalidCodeBody);
}

describe('activation', () => {
  test('when the activation e-mail has gone out, then the database keeps only the keyed hash of the code, and the code still works', async () => {
    const citizen = await pending();
    const rows = () => service.ctx.dataSource.query(
      `SELECT c.seed, c.code_hash FROM activation_codes c JOIN users u ON u.id = c.user_id WHERE u.login = $1`,
      [citizen.login],
    );
    await waitUntil(async () => (await rows())[0].seed === null, 'the seed to be erased');
    const [row] = await rows();
    expect(JSON.stringify(row)).not.toContain(citizen.code);
    expect((await activate(citizen.login, citizen.code)).status).toBe(200);
  });

  test('when the code is wrong, then 400 invalid_code and the account stays pending', async () => {
    const citizen = await pending();
    expectInvalidCode(await activate(citizen.login, wrongCodeFor(citizen.code)));
    const login = await service.api('POST', '/api/v1/auth/login', { body: { login: citizen.login, password: citizen.password } });
    expect(login.status).toBe(403);
  });

  test('when the code has expired, then 400 invalid_code', async () => {
    const citizen = await pending();
    await service.ctx.dataSource.query(
      `UPDATE activation_codes SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE login = $1)`,
      [citizen.login],
    );
    expectInvalidCode(await activate(citizen.login, citizen.code));
  });

  test('when the code was already used, then 400 invalid_code', async () => {
    const citizen = await pending();
    expect((await activate(citizen.login, citizen.code)).status).toBe(200);
    expectInvalidCode(await activate(citizen.login, citizen.code));
  });

  test('when 5 wrong codes were tried, then even the right code is refused with invalid_code', async () => {
    const citizen = await pending();
    for (let i = 0; i < 5; i++) expectInvalidCode(await activate(citizen.login, wrongCodeFor(citizen.code)));
    expectInvalidCode(await activate(citizen.login, citizen.code));
  });

  test('when 4 wrong codes were tried, then the right code still works', async () => {
    const citizen = await pending();
    for (let i = 0; i < 4; i++) expectInvalidCode(await activate(citizen.login, wrongCodeFor(citizen.code)));
    expect((await activate(citizen.login, citizen.code)).status).toBe(200);
  });

  test('when the login is unknown, then the same 400 invalid_code', async () => {
    const citizen = await pending();
    expectInvalidCode(await activate(`nikt.${citizen.login}`, citizen.code));
  });

  test('when the code is typed in lower case with spaces and dashes, then it is accepted and a confirmation e-mail follows', async () => {
    const citizen = await pending();
    const typed = ` ${citizen.code.slice(0, 4).toLowerCase()} - ${citizen.code.slice(4).toLowerCase()} `;
    const res = await activate(citizen.login.toUpperCase(), typed);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'active' });
    await service.mail.waitFor(citizen.email, /skrzynka kontaktowa jest gotowa/);
  });

  test('when the body has an unknown field, then 400 validation_failed naming it', async () => {
    const res = await service.api('POST', '/api/v1/auth/activate', { body: { login: 'jan', code: 'ABCD', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'extra', message: expect.any(String) }] });
  });
});

describe('resending the activation code', () => {
  test('when the login is unknown, empty or could never be a login, then 202 all the same', async () => {
    for (const login of ['nikt.taki.nie.istnieje', '', '  ', 'x'.repeat(500), 'Zażółć gęślą jaźń']) {
      const res = await service.api('POST', '/api/v1/auth/resend-activation', { body: { login } });
      expect(res.status).toBe(202);
    }
  });

  test('when the body has no login or an unknown field, then 400 validation_failed', async () => {
    expect((await service.api('POST', '/api/v1/auth/resend-activation', { body: {} })).status).toBe(400);
    expect((await service.api('POST', '/api/v1/auth/resend-activation', { body: { login: 'jan', extra: 1 } })).status).toBe(400);
  });

  test('when the account is pending, then a new code arrives that works while the old one no longer does', async () => {
    const citizen = await pending();
    const res = await service.api('POST', '/api/v1/auth/resend-activation', { body: { login: citizen.login } });
    expect(res.status).toBe(202);
    const mail = await service.mail.waitFor(citizen.email, /Kod aktywacyjny/, 2);
    const newCode = activationCodeIn(mail);
    expect(newCode).not.toBe(citizen.code);

    expectInvalidCode(await activate(citizen.login, citizen.code));
    expect((await activate(citizen.login, newCode)).status).toBe(200);
  });

  test('when the account is already active, then 202 and no new code is sent', async () => {
    const citizen = await service.citizen();
    const res = await service.api('POST', '/api/v1/auth/resend-activation', { body: { login: citizen.login } });
    expect(res.status).toBe(202);
    await service.mail.waitFor(citizen.email, /skrzynka kontaktowa jest gotowa/);
    expect(service.mail.to(citizen.email).filter((m) => /Kod aktywacyjny/.test(m.subject))).toHaveLength(1);
  });
});
