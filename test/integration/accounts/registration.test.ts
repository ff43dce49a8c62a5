import { activationCodeIn } from '../../support/mail-catcher';
import { newCitizenData, TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

describe('registration, activation and login', () => {
  test('when a citizen registers and activates with the e-mailed code, then they can log in and see an empty inbox', async () => {
    const data = newCitizenData({ firstName: 'Teodora', lastName: 'Wiśniewska' });
    const reg = await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } });
    expect(reg.status).toBe(202);
    expect(reg.body).toEqual({ status: 'pending_activation' });

    const mail = await service.mail.waitFor(data.email, /Kod aktywacyjny/);
    // Anybody can register any address: the e-mail repeats nothing they typed but the login.
    expect(`${mail.text} ${mail.html}`).not.toContain(data.firstName);
    expect(`${mail.text} ${mail.html}`).not.toContain(data.lastName);
    const code = activationCodeIn(mail);
    const act = await service.api('POST', '/api/v1/auth/activate', { body: { login: data.login, code } });
    expect(act.status).toBe(200);
    expect(act.body).toEqual({ status: 'active' });
    await service.mail.waitFor(data.email, /skrzynka kontaktowa jest gotowa/);

    const login = await service.api('POST', '/api/v1/auth/login', { body: { login: data.login, password: data.password } });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });

    const inbox = await service.api('GET', '/api/v1/inbox', { token: login.body.accessToken });
    expect(inbox.status).toBe(200);
    expect(inbox.body).toEqual({ items: [], total: 0, unread: 0 });
  });
});
