import { newCitizenData, TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

const sentLogins: string[] = [];
const register = (body: any) => {
  if (typeof body.login === 'string') sentLogins.push(body.login.toLowerCase());
  return service.api('POST', '/api/v1/auth/register', { body });
};
const valid = () => ({ ...newCitizenData(), acceptTerms: true });

/** Expects 400 validation_failed naming `field` among its errors. */
function expectFieldError(res: { status: number; body: any }, field: string): void {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ status: 400, code: 'validation_failed' });
  expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
  for (const error of res.body.errors) expect(error.message.length).toBeGreaterThan(0);
}

describe('registration input', () => {
  test('when the login is shorter than 3 characters, then 400 names the login', async () => {
    expectFieldError(await register({ ...valid(), login: 'ab' }), 'login');
  });

  test('when the login is longer than 32 characters, then 400 names the login', async () => {
    expectFieldError(await register({ ...valid(), login: 'a'.repeat(33) }), 'login');
  });

  test('when the login has characters outside a-z 0-9 . _ -, then 400 names the login', async () => {
    for (const login of ['jan kowalski', 'jan@kowalski', 'żaneta', 'jan+1']) {
      expectFieldError(await register({ ...valid(), login }), 'login');
    }
  });

  test('when a name carries anything but letters, spaces, hyphens, apostrophes or dots (a link, digits), then 400 names it', async () => {
    for (const firstName of ['Wejdź na http://oszust.example', 'Jan2', '<b>Jan</b>', '-Jan', 'Jan\nOdwiedź nas']) {
      expectFieldError(await register({ ...valid(), firstName }), 'firstName');
    }
    expectFieldError(await register({ ...valid(), lastName: 'Kowalski; zadzwoń 123 456 789' }), 'lastName');
  });

  test('when names are Polish or foreign with hyphens and apostrophes, then they are accepted', async () => {
    for (const [firstName, lastName] of [['Żaneta', 'Łęcka-Gąsiorowska'], ["D'Arcy", 'O’Brien'], ['José María', 'Núñez'], ['Ólafur', 'St. John']]) {
      expect((await register({ ...valid(), firstName, lastName })).status).toBe(202);
    }
  });

  test('when the e-mail address is malformed, then 400 names the email', async () => {
    for (const email of ['jan', 'jan@', '@example.pl', 'jan kowalski@example.pl']) {
      expectFieldError(await register({ ...valid(), email }), 'email');
    }
  });

  test('when the password has fewer than 12 characters, then 400 names the password', async () => {
    expectFieldError(await register({ ...valid(), password: 'Kr0tk1e-h4s' }), 'password');
  });

  test('when the password has more than 128 characters, then 400 names the password', async () => {
    expectFieldError(await register({ ...valid(), password: 'Dlugie-haslo-' + 'x7'.repeat(58) }), 'password');
  });

  test('when the password equals the login, then 400 names the password', async () => {
    const data = valid();
    expectFieldError(await register({ ...data, login: 'bardzo.dlugi.login', password: 'bardzo.dlugi.login' }), 'password');
  });

  test('when the password is a common one, even with digits added, then 400 names the password', async () => {
    for (const password of ['password1234', 'qwertyuiop12']) {
      expectFieldError(await register({ ...valid(), password }), 'password');
    }
  });

  test('when acceptTerms is false, then 400 names acceptTerms', async () => {
    expectFieldError(await register({ ...valid(), acceptTerms: false }), 'acceptTerms');
  });

  test('when acceptTerms is missing, then 400 names acceptTerms', async () => {
    const { acceptTerms: _omitted, ...body } = valid();
    expectFieldError(await register(body), 'acceptTerms');
  });

  test('when the body has an unknown field, then it is rejected and the field is named', async () => {
    expectFieldError(await register({ ...valid(), role: 'admin' }), 'role');
  });

  test('when a required field is missing, then 400 names it', async () => {
    const { firstName: _omitted, ...body } = valid();
    expectFieldError(await register(body), 'firstName');
  });

  test('when the body is not valid JSON, then 400 validation_failed', async () => {
    const res = await service.api('POST', '/api/v1/auth/register', {
      rawBody: '{"login": "jan", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body', message: expect.any(String) }] });
  });

  test('when a validation fails, then the answer is problem+json with type, title, status, code and detail', async () => {
    const res = await register({ ...valid(), login: 'x' });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: expect.any(String),
      title: expect.any(String),
      status: 400,
      code: 'validation_failed',
      detail: expect.any(String),
      errors: expect.any(Array),
    });
  });

  test('when the body is over 1 MiB, then 413 payload_too_large', async () => {
    const res = await register({ ...valid(), firstName: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  test('when the password has exactly 12 or exactly 128 characters, then the registration is accepted', async () => {
    expect((await register({ ...valid(), password: 'Zie1ona-Herb' })).status).toBe(202);
    expect((await register({ ...valid(), password: 'Zielona-Herbata-' + 'x7'.repeat(56) })).status).toBe(202);
  });

  test('when any input is refused, then no account is created', async () => {
    const accepted = 2 + 4; // the two boundary passwords and the four accepted names above
    const rows = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE login = ANY($1)`, [sentLogins]);
    expect(rows[0].n).toBe(accepted);
  });
});
