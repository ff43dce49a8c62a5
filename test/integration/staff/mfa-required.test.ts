import type * as OfficeModule from '../../support/office';
import type * as TestServiceModule from '../../support/test-service';
import type * as TotpModule from '../../support/totp';

// Read by the configuration: set before any module loads it.
process.env.STAFF_MFA_REQUIRED = 'true';
const { TestService } = require('../../support/test-service') as typeof TestServiceModule;
const { createAdmin } = require('../../support/office') as typeof OfficeModule;
const { totpCode } = require('../../support/totp') as typeof TotpModule;

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

describe('STAFF_MFA_REQUIRED=true', () => {
  test('when a staff member without two-step login logs in, then the token opens only the set-up (403 mfa_setup_required elsewhere, the dashboard too)', async () => {
    const admin = await createAdmin(service);
    const token = admin.token;
    for (const [method, path] of [
      ['GET', '/api/v1/admin/staff'],
      ['GET', '/api/v1/office/cases'],
      ['GET', '/api/v1/admin/units'],
    ] as const) {
      const res = await service.api(method, path, { token });
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'mfa_setup_required']);
    }
    const dashboard = await fetch(`${service.baseUrl}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${token}` } });
    expect(dashboard.status).toBe(403);
    expect((await service.api('GET', '/api/v1/me', { token })).status).toBe(200);

    const setup = await service.api('POST', '/api/v1/me/mfa', { token });
    expect(setup.status).toBe(201);
    expect((await service.api('POST', '/api/v1/me/mfa/confirm', { token, body: { code: totpCode(setup.body.secret) } })).status).toBe(204);

    const first = await service.api('POST', '/api/v1/auth/login', { body: { login: admin.login, password: admin.password } });
    expect(first.body.mfaRequired).toBe(true);
    const second = await service.api('POST', '/api/v1/auth/login/mfa', { body: { mfaToken: first.body.mfaToken, code: totpCode(setup.body.secret, Date.now() + 30_000) } });
    expect(second.status).toBe(200);
    expect((await service.api('GET', '/api/v1/admin/staff', { token: second.body.accessToken })).status).toBe(200);
  });

  test('when a citizen logs in, then nothing is asked of them', async () => {
    const citizen = await service.citizen();
    expect((await service.api('GET', '/api/v1/inbox', { token: citizen.token })).status).toBe(200);
  });

  test('when a staff member in set-up opens an office page, then the browser goes to the set-up page', async () => {
    const admin = await createAdmin(service);
    const res = await fetch(`${service.baseUrl}/urzad`, { headers: { cookie: `sesja=${admin.token}` }, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/moje-konto/logowanie-dwuetapowe');
    const page = await fetch(`${service.baseUrl}/moje-konto/logowanie-dwuetapowe`, { headers: { cookie: `sesja=${admin.token}` }, redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Urząd wymaga od pracowników logowania dwuetapowego');
  });
});
