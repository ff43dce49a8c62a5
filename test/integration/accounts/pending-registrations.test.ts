import { waitUntil } from '../../support/wait';
import { newCitizenData, TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const register = (data: ReturnType<typeof newCitizenData>) => service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } });
const ageRegistration = (login: string, hours: number) =>
  service.ctx.dataSource.query(`UPDATE users SET created_at = now() - make_interval(hours => $2) WHERE login = $1`, [login, hours]);

describe('registrations never activated', () => {
  test('when a pending registration is older than 24 hours, then its login can be registered again and the old one is gone', async () => {
    const first = newCitizenData();
    expect((await register(first)).status).toBe(202);
    await ageRegistration(first.login, 25);
    const again = newCitizenData({ login: first.login });
    expect((await register(again)).status).toBe(202);
    const rows = await service.ctx.dataSource.query(`SELECT email FROM users WHERE login = $1`, [first.login]);
    expect(rows).toEqual([{ email: again.email }]);
  });

  test('when a pending registration older than 24 hours holds the address, then a new registration with it gets an activation code, not the "address taken" e-mail', async () => {
    const first = newCitizenData();
    expect((await register(first)).status).toBe(202);
    await service.mail.waitFor(first.email, /Kod aktywacyjny/);
    await ageRegistration(first.login, 25);
    const again = newCitizenData({ email: first.email });
    expect((await register(again)).status).toBe(202);
    await service.mail.waitFor(first.email, /Kod aktywacyjny/, 2);
    expect(await service.ctx.dataSource.query(`SELECT login FROM users WHERE email_normalized = $1`, [first.email])).toEqual([{ login: again.login }]);
  });

  test('when a pending registration is younger than 24 hours, then it still holds its login (409) and an active old account is never removed', async () => {
    const young = newCitizenData();
    expect((await register(young)).status).toBe(202);
    await ageRegistration(young.login, 23);
    expect((await register(newCitizenData({ login: young.login }))).status).toBe(409);

    const active = await service.citizen();
    await ageRegistration(active.login, 24 * 30);
    expect((await register(newCitizenData({ login: active.login }))).status).toBe(409);
    expect((await service.api('GET', '/api/v1/me', { token: active.token })).status).toBe(200);
  });
});

describe('POST /auth/resend-activation does the same work for every login', () => {
  test('when the login is pending, unknown or active, then each writes one code row and one outbox event; only the pending one gets an e-mail and the others’ rows are dropped', async () => {
    const pending = newCitizenData();
    expect((await register(pending)).status).toBe(202);
    await service.mail.waitFor(pending.email, /Kod aktywacyjny/);
    const active = await service.citizen();
    const events = async () => (await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE job_name = 'mail.activation-code'`))[0].n;

    for (const login of [pending.login, 'nikt.taki.nie.istnieje', active.login]) {
      const before = await events();
      const res = await service.api('POST', '/api/v1/auth/resend-activation', { body: { login } });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: 'accepted' });
      expect((await events()) - before).toBe(1);
    }
    await service.mail.waitFor(pending.email, /Kod aktywacyjny/, 2);
    await waitUntil(async () => (await service.ctx.dataSource.query(`SELECT 1 FROM activation_codes WHERE user_id IS NULL`)).length === 0, 'rows of nobody to be dropped');
    expect(service.mail.to(active.email).filter((m) => /Kod aktywacyjny/.test(m.subject))).toHaveLength(1); // the registration's only
  });
});
