import { TestService } from '../../support/test-service';
import { sleep } from '../../support/wait';
import { deliver } from './inbox-support';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const NOTICE = /^Nowa wiadomość w skrzynce kontaktowej/;
const notices = (email: string) => service.mail.to(email).filter((m) => NOTICE.test(m.subject));

/** Gives queued e-mails time to go out, so that a count of zero (or one) means something. */
async function settle(): Promise<void> {
  await sleep(700);
}

describe('delivering a message', () => {
  test('when the same event is delivered twice, then there is one message and one e-mail', async () => {
    const citizen = await service.citizen();
    const eventKey = `test:twice:${citizen.id}`;
    const first = await deliver(service, citizen.id, { eventKey });
    const second = await deliver(service, citizen.id, { eventKey });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    const inbox = await service.api('GET', '/api/v1/inbox', { token: citizen.token });
    expect(inbox.body.total).toBe(1);
    await service.mail.waitFor(citizen.email, NOTICE);
    await settle();
    expect(notices(citizen.email)).toHaveLength(1);
  });

  test('when a message arrives for a citizen with notifyByEmail on, then one e-mail with a link and no case data', async () => {
    const citizen = await service.citizen();
    const id = await deliver(service, citizen.id, { subject: 'Sprawa GN.6840.12.2026 załatwiona' });
    const mail = await service.mail.waitFor(citizen.email, NOTICE);
    expect(mail.subject).toBe('Nowa wiadomość w skrzynce kontaktowej');
    expect(`${mail.text}${mail.html}`).toContain(`/skrzynka/${id}`);
    for (const body of [mail.subject, mail.text, mail.html]) {
      expect(body).not.toContain('GN.6840');
      expect(body).not.toContain('załatwiona');
      expect(body).not.toContain('Treść');
    }
    await settle();
    expect(notices(citizen.email)).toHaveLength(1);
  });

  test('when a message arrives for a citizen with notifyByEmail off, then no e-mail is sent', async () => {
    const citizen = await service.citizen();
    expect((await service.api('PATCH', '/api/v1/me', { token: citizen.token, body: { notifyByEmail: false } })).status).toBe(200);
    await deliver(service, citizen.id);
    await settle();
    expect(notices(citizen.email)).toHaveLength(0);
    expect((await service.api('GET', '/api/v1/inbox', { token: citizen.token })).body.total).toBe(1);
  });

  test('when two throttled messages (15 minutes) arrive in a row, then only one e-mail is sent', async () => {
    const citizen = await service.citizen();
    await deliver(service, citizen.id, { mailThrottleMinutes: 15 });
    await deliver(service, citizen.id, { mailThrottleMinutes: 15 });
    await service.mail.waitFor(citizen.email, NOTICE);
    await settle();
    expect(notices(citizen.email)).toHaveLength(1);
    expect((await service.api('GET', '/api/v1/inbox', { token: citizen.token })).body.total).toBe(2);
  });

  test('when a throttled message follows more than 15 minutes after the last notice, then it sends an e-mail again', async () => {
    const citizen = await service.citizen();
    await deliver(service, citizen.id, { mailThrottleMinutes: 15 });
    await service.mail.waitFor(citizen.email, NOTICE);
    await service.ctx.dataSource.query(`UPDATE users SET last_status_mail_at = now() - interval '16 minutes' WHERE id = $1`, [citizen.id]);
    await deliver(service, citizen.id, { mailThrottleMinutes: 15 });
    await service.mail.waitFor(citizen.email, NOTICE, 2);
  });

  test('when unthrottled messages arrive in a row, then each sends an e-mail', async () => {
    const citizen = await service.citizen();
    await deliver(service, citizen.id);
    await deliver(service, citizen.id);
    await service.mail.waitFor(citizen.email, NOTICE, 2);
  });
});
