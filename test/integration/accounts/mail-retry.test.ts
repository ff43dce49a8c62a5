import { activationCodeIn } from '../../support/mail-catcher';
import { newCitizenData, TestService } from '../../support/test-service';
import { sleep } from '../../support/wait';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

describe('e-mail delivery retries', () => {
  test('when the SMTP server refuses for a while, then the activation e-mail arrives once it recovers, exactly once', async () => {
    service.mail.failing = true;
    const data = newCitizenData();
    const res = await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } });
    expect(res.status).toBe(202);
    await sleep(1500);
    expect(service.mail.to(data.email)).toHaveLength(0);
    service.mail.failing = false;

    const mail = await service.mail.waitFor(data.email, /Kod aktywacyjny/, 1, 15_000);
    const act = await service.api('POST', '/api/v1/auth/activate', { body: { login: data.login, code: activationCodeIn(mail) } });
    expect(act.status).toBe(200);
    await service.mail.waitFor(data.email, /skrzynka kontaktowa jest gotowa/);
    expect(service.mail.to(data.email).filter((m) => /Kod aktywacyjny/.test(m.subject))).toHaveLength(1);
  }, 30_000);
});
