import { TERMS_VERSION } from '../../../services/shared/terms-version';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let citizen: Citizen;
beforeAll(async () => {
  await service.start();
  citizen = await service.citizen();
});
afterAll(() => service.stop());

describe('my account', () => {
  test('when a citizen asks for /me, then exactly id, login, email, firstName, lastName, role, status, notifyByEmail and the terms accepted at registration', async () => {
    const res = await service.api('GET', '/api/v1/me', { token: citizen.token });
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual({
      id: citizen.id,
      login: citizen.login,
      email: citizen.email,
      firstName: citizen.firstName,
      lastName: citizen.lastName,
      role: 'citizen',
      status: 'active',
      notifyByEmail: true,
      termsVersion: TERMS_VERSION,
      termsAcceptedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    // Recorded at registration: before the activation, not at this call.
    const [row] = await service.ctx.dataSource.query(`SELECT terms_accepted_at <= activated_at AS before FROM users WHERE id = $1`, [citizen.id]);
    expect(row.before).toBe(true);
    expect(Date.now() - Date.parse(res.body.termsAcceptedAt)).toBeLessThan(120_000);
    expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('when notifyByEmail is turned off, then 200 with the changed account and it stays changed', async () => {
    const other = await service.citizen();
    const res = await service.api('PATCH', '/api/v1/me', { token: other.token, body: { notifyByEmail: false } });
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual({ ...(await service.api('GET', '/api/v1/me', { token: other.token })).body, notifyByEmail: false });
    expect(Object.keys(res.body).sort()).toEqual(['email', 'firstName', 'id', 'lastName', 'login', 'notifyByEmail', 'role', 'status', 'termsAcceptedAt', 'termsVersion']);
  });

  test('when PATCH carries an unknown field, then 400 validation_failed naming it and nothing changes', async () => {
    const res = await service.api('PATCH', '/api/v1/me', { token: citizen.token, body: { notifyByEmail: false, role: 'admin' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'role', message: expect.any(String) }] });
    const me = await service.api('GET', '/api/v1/me', { token: citizen.token });
    expect(me.body).toMatchObject({ role: 'citizen', notifyByEmail: true });
  });

  test('when PATCH gives notifyByEmail a non-boolean, then 400 naming notifyByEmail', async () => {
    const res = await service.api('PATCH', '/api/v1/me', { token: citizen.token, body: { notifyByEmail: 'no' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'notifyByEmail', message: expect.any(String) }]);
  });

  test('when /me is called without a token, then 401 unauthorized', async () => {
    const res = await service.api('GET', '/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
    expect((await service.api('PATCH', '/api/v1/me', { body: { notifyByEmail: false } })).status).toBe(401);
  });
});
