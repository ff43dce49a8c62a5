import { randomBytes } from 'node:crypto';
import { serviceWithOffice, type Staff } from '../../support/office';
import { TestService } from '../../support/test-service';
import { totpCode } from '../../support/totp';

const service = new TestService();
const office = serviceWithOffice(service);

const password = 'Mocne-Haslo-Pracownika-2026';
const STEP = 30_000;

async function newRegistrar(): Promise<Staff> {
  const login = `registrar.${randomBytes(4).toString('hex')}`;
  const res = await service.api('POST', '/api/v1/admin/staff', { token: office.admin.token, body: { login, password, firstName: 'Ewa', lastName: 'Nowak', role: 'registrar' } });
  if (res.status !== 201) throw new Error(`staff: ${res.status}`);
  return { login, password, id: res.body.id, token: await service.login(login, password) };
}

/** A registrar with two-step login set up and confirmed; the code of the current step is spent by the confirmation. */
async function withTwoStep(): Promise<Staff & { secret: string }> {
  const staff = await newRegistrar();
  const setup = await service.api('POST', '/api/v1/me/mfa', { token: staff.token });
  expect(setup.status).toBe(201);
  expect((await service.api('POST', '/api/v1/me/mfa/confirm', { token: staff.token, body: { code: totpCode(setup.body.secret) } })).status).toBe(204);
  return { ...staff, secret: setup.body.secret };
}

const firstStep = (login: string) => service.api('POST', '/api/v1/auth/login', { body: { login, password } });
const secondStep = (mfaToken: string, code: string) => service.api('POST', '/api/v1/auth/login/mfa', { body: { mfaToken, code } });

describe('setting up two-step login', () => {
  test('when a staff member starts the set-up, then 201 a 160-bit base32 secret and its otpauth address (SHA-1, 30 s, 6 digits)', async () => {
    const staff = await newRegistrar();
    const res = await service.api('POST', '/api/v1/me/mfa', { token: staff.token });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(res.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(res.body.secret);
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(url.pathname)).toContain(staff.login);
  });

  test('when the secret is stored, then it is encrypted, not in the clear', async () => {
    const staff = await newRegistrar();
    const res = await service.api('POST', '/api/v1/me/mfa', { token: staff.token });
    const [row] = await service.ctx.dataSource.query(`SELECT mfa_secret FROM users WHERE id = $1`, [staff.id]);
    expect(row.mfa_secret).toMatch(/^v1\./);
    expect(row.mfa_secret).not.toContain(res.body.secret);
  });

  test('when the confirmation code is wrong, malformed or missing, then 400 (invalid_code, validation_failed) and the login still needs no code', async () => {
    const staff = await newRegistrar();
    const setup = await service.api('POST', '/api/v1/me/mfa', { token: staff.token });
    const good = totpCode(setup.body.secret);
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    const res = await service.api('POST', '/api/v1/me/mfa/confirm', { token: staff.token, body: { code: wrong } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_code');
    for (const body of [{ code: 'abcdef' }, {}, { code: good, extra: 1 }]) {
      expect((await service.api('POST', '/api/v1/me/mfa/confirm', { token: staff.token, body })).body.code).toBe('validation_failed');
    }
    expect((await firstStep(staff.login)).body.accessToken).toEqual(expect.any(String));
  });

  test('when two-step login is on, then a second set-up is 409 mfa_enabled and the list says mfa: true', async () => {
    const staff = await withTwoStep();
    const again = await service.api('POST', '/api/v1/me/mfa', { token: staff.token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('mfa_enabled');
    const list = await service.api('GET', '/api/v1/admin/staff', { token: office.admin.token });
    expect(list.body.items.find((s: any) => s.id === staff.id).mfa).toBe(true);
  });

  test('when a citizen asks for two-step login, then 403', async () => {
    const citizen = await service.citizen();
    expect((await service.api('POST', '/api/v1/me/mfa', { token: citizen.token })).status).toBe(403);
  });
});

describe('logging in with two-step login', () => {
  test('when the password is right, then the answer is mfaRequired with an mfaToken that is no access token; the code completes the login once', async () => {
    const staff = await withTwoStep();
    const first = await firstStep(staff.login);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect((await service.api('GET', '/api/v1/me', { token: first.body.mfaToken })).status).toBe(401);
    const code = totpCode(staff.secret, Date.now() + STEP);
    const second = await secondStep(first.body.mfaToken, code);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' });
    expect((await service.api('GET', '/api/v1/me', { token: second.body.accessToken })).body.login).toBe(staff.login);
    // The token again, after success: refused.
    const replay = await secondStep(first.body.mfaToken, code);
    expect(replay.status).toBe(401);
    // The same code with a new token: spent.
    const next = await firstStep(staff.login);
    const reused = await secondStep(next.body.mfaToken, code);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('invalid_code');
  });

  test('when the code is wrong, then 401 invalid_code; after 5 wrong codes even the right one is 429 with Retry-After', async () => {
    const staff = await withTwoStep();
    const { mfaToken } = (await firstStep(staff.login)).body;
    const good = totpCode(staff.secret, Date.now() + STEP);
    const wrong = String((Number(good) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const res = await secondStep(mfaToken, wrong);
      expect([res.status, res.body.code]).toEqual([401, 'invalid_code']);
    }
    const sixth = await secondStep(mfaToken, good);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    // A fresh login does not reset the count: it is the account's.
    const again = await firstStep(staff.login);
    expect((await secondStep(again.body.mfaToken, good)).status).toBe(429);
  });

  test('when the mfaToken is unknown, expired or malformed, then 401; the code field is validated', async () => {
    const staff = await withTwoStep();
    const code = totpCode(staff.secret, Date.now() + STEP);
    expect((await secondStep('nieznany-token', code)).status).toBe(401);
    const { mfaToken } = (await firstStep(staff.login)).body;
    await service.ctx.dataSource.query(`UPDATE mfa_challenges SET expires_at = now() - interval '1 second'`);
    expect((await secondStep(mfaToken, code)).status).toBe(401);
    const bad = await service.api('POST', '/api/v1/auth/login/mfa', { body: { mfaToken } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['code']);
  });

  test('when the admin resets the second factor, then it is audited, the sessions end and the login needs no code until it is set up again', async () => {
    const staff = await withTwoStep();
    const first = await firstStep(staff.login);
    const session = (await secondStep(first.body.mfaToken, totpCode(staff.secret, Date.now() + STEP))).body.accessToken;
    const reset = await service.api('DELETE', `/api/v1/admin/staff/${staff.id}/mfa`, { token: office.admin.token });
    expect(reset.status).toBe(200);
    expect(reset.body.mfa).toBe(false);
    expect((await service.api('GET', '/api/v1/me', { token: session })).status).toBe(401);
    expect((await firstStep(staff.login)).body.accessToken).toEqual(expect.any(String));
    const log = await service.api('GET', '/api/v1/admin/audit?action=staff.mfa_reset&limit=1', { token: office.admin.token });
    expect(log.body.items[0]).toMatchObject({ actor: office.admin.login, subject: staff.login });
    expect((await service.api('DELETE', `/api/v1/admin/staff/00000000-0000-4000-8000-000000000000/mfa`, { token: office.admin.token })).status).toBe(404);
    expect((await service.api('DELETE', `/api/v1/admin/staff/${staff.id}/mfa`, { token: office.registrar.token })).status).toBe(403);
  });

  test('when the log is read, then the steps of a login are there and no secret or code is', async () => {
    const staff = await withTwoStep();
    const log = await service.api('GET', `/api/v1/admin/audit?actor=${staff.login}&limit=50`, { token: office.admin.token });
    expect(log.body.items.map((e: any) => e.action)).toEqual(expect.arrayContaining(['mfa.setup_started', 'mfa.enabled']));
    expect(JSON.stringify(log.body)).not.toContain(staff.secret);
  });
});
