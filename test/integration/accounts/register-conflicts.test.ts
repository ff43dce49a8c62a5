import { newCitizenData, TestService } from '../../support/test-service';
import { sleep, waitUntil } from '../../support/wait';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

// Each registration from its own client address (the gateway trusts the loopback proxy), so
// that these tests of conflicts stay under the per-address registration limit.
let client = 0;
const register = (body: unknown) =>
  service.api('POST', '/api/v1/auth/register', { body, headers: { 'x-forwarded-for': `10.0.${Math.floor(++client / 250)}.${client % 250}` } });

async function usersWith(column: 'login' | 'email_normalized', value: string): Promise<number> {
  const rows = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE ${column} = $1`, [value]);
  return rows[0].n;
}

describe('registration conflicts', () => {
  test('when a login is registered, then the answer is 202 pending_activation and the account waits for activation', async () => {
    const data = newCitizenData();
    const res = await register({ ...data, acceptTerms: true });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'pending_activation' });
    const rows = await service.ctx.dataSource.query(`SELECT status, role FROM users WHERE login = $1`, [data.login]);
    expect(rows).toEqual([{ status: 'pending_activation', role: 'citizen' }]);
  });

  test('when the login is already taken, then 409 login_taken as problem+json', async () => {
    const first = newCitizenData();
    expect((await register({ ...first, acceptTerms: true })).status).toBe(202);
    const res = await register({ ...newCitizenData({ login: first.login }), acceptTerms: true });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({ type: expect.any(String), title: expect.any(String), status: 409, code: 'login_taken', detail: expect.any(String) });
  });

  test('when the same login is registered in another letter case, then 409 login_taken', async () => {
    const first = newCitizenData();
    expect((await register({ ...first, acceptTerms: true })).status).toBe(202);
    const res = await register({ ...newCitizenData({ login: first.login.toUpperCase() }), acceptTerms: true });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('login_taken');
    expect(await usersWith('login', first.login)).toBe(1);
  });

  test('when an e-mail address that already has an account registers again, then 202, nothing is created and its owner is told by e-mail', async () => {
    const owner = newCitizenData();
    expect((await register({ ...owner, acceptTerms: true })).status).toBe(202);
    await service.mail.waitFor(owner.email, /Kod aktywacyjny/);

    const intruder = newCitizenData({ email: owner.email.toUpperCase() });
    const res = await register({ ...intruder, acceptTerms: true });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'pending_activation' });

    const notice = await service.mail.waitFor(owner.email, /^Próba założenia konta/);
    expect(notice.text).not.toMatch(/Kod aktywacyjny:/);
    expect(await usersWith('email_normalized', owner.email.toLowerCase())).toBe(1);
    expect(await usersWith('login', intruder.login)).toBe(0);
    // No activation e-mail for the second attempt.
    await sleep(300);
    expect(service.mail.to(owner.email).filter((m) => /Kod aktywacyjny/.test(m.subject))).toHaveLength(1);
  });

  test('when a taken login is sent with a registered or an unknown e-mail address, then both get the same 409: the address is not revealed', async () => {
    const owner = newCitizenData();
    expect((await register({ ...owner, acceptTerms: true })).status).toBe(202);
    const withRegistered = await register({ ...newCitizenData({ login: owner.login, email: owner.email }), acceptTerms: true });
    const withUnknown = await register({ ...newCitizenData({ login: owner.login }), acceptTerms: true });
    expect(withRegistered.status).toBe(409);
    expect(withRegistered.body).toEqual(withUnknown.body);
  });

  test('when five registrations race for one login, then one gets 202, four 409 login_taken and one account exists', async () => {
    const login = newCitizenData().login;
    const answers = await Promise.all(Array.from({ length: 5 }, () => register({ ...newCitizenData({ login }), acceptTerms: true })));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409, 409, 409]);
    expect(await usersWith('login', login)).toBe(1);
  });

  test('when five registrations race for one e-mail address, then all get 202, one account exists and its owner gets one activation code and one warning', async () => {
    const email = newCitizenData().email;
    const answers = await Promise.all(Array.from({ length: 5 }, () => register({ ...newCitizenData({ email }), acceptTerms: true })));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(await usersWith('email_normalized', email)).toBe(1);
    await service.mail.waitFor(email, /Kod aktywacyjny/);
    await service.mail.waitFor(email, /^Próba założenia konta/);
    await sleep(300);
    const subjects = service.mail.to(email).map((m) => m.subject);
    expect(subjects.filter((s) => /Kod aktywacyjny/.test(s))).toHaveLength(1);
    expect(subjects.filter((s) => /^Próba założenia konta/.test(s))).toHaveLength(1);
  });

  test('when the e-mail address has spaces around it and capitals, then it is accepted, trimmed, and its lower case is unique', async () => {
    const data = newCitizenData();
    const res = await register({ ...data, email: `  ${data.email.toUpperCase()} `, acceptTerms: true });
    expect(res.status).toBe(202);
    const rows = await service.ctx.dataSource.query(`SELECT email FROM users WHERE login = $1`, [data.login]);
    expect(rows).toEqual([{ email: data.email.toUpperCase() }]);
    // The address is kept as typed (its domain part may come back lower-cased over SMTP).
    const toIt = () => service.mail.mails.filter((m) => m.to.some((t) => t.toLowerCase() === data.email) && /Kod aktywacyjny/.test(m.subject));
    await waitUntil(() => toIt().length === 1, `activation e-mail to ${data.email}`);
  });
});
