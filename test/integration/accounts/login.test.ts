import { newCitizenData, TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const login = (body: unknown) => service.api('POST', '/api/v1/auth/login', { body });

describe('login', () => {
  test('when the login is unknown or the password wrong, then 401 invalid_credentials with one identical body', async () => {
    const citizen = await service.citizen();
    const unknown = await login({ login: `nikt.${citizen.login}`, password: citizen.password });
    const wrong = await login({ login: citizen.login, password: `${citizen.password}-zle` });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(wrong.body).toEqual(unknown.body);
  });

  test('when a pending account logs in with the right password, then 403 account_not_active', async () => {
    const data = newCitizenData();
    expect((await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } })).status).toBe(202);
    const res = await login({ login: data.login, password: data.password });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 403, code: 'account_not_active' });
  });

  test('when a pending account logs in with a wrong password, then 401 invalid_credentials (its state is not told)', async () => {
    const data = newCitizenData();
    expect((await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } })).status).toBe(202);
    const res = await login({ login: data.login, password: `${data.password}-zle` });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_credentials');
  });

  test('when an active citizen logs in, then 200 with a Bearer token valid for at most an hour', async () => {
    const citizen = await service.citizen();
    const res = await login({ login: citizen.login.toUpperCase(), password: citizen.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: expect.any(Number) });
    expect(res.body.expiresIn).toBeGreaterThan(0);
    expect(res.body.expiresIn).toBeLessThanOrEqual(3600);
  });

  test('when the body lacks the password, then 400 validation_failed naming it', async () => {
    const res = await login({ login: 'jan.kowalski' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'password', message: expect.any(String) }] });
  });

  test('when login attempts are made, then each is in the audit log without the password', async () => {
    const citizen = await service.citizen();
    await login({ login: citizen.login, password: 'zupelnie-zle-haslo' });
    const rows: Array<{ action: string; details: unknown }> = await service.ctx.dataSource.query(
      `SELECT action, details FROM audit_entries WHERE actor = $1 ORDER BY at`,
      [citizen.login],
    );
    expect(rows.map((r) => r.action)).toEqual(['login.succeeded', 'login.failed']);
    expect(JSON.stringify(rows)).not.toContain(citizen.password);
    expect(JSON.stringify(rows)).not.toContain('zupelnie-zle-haslo');
  });
});
