import { newCitizenData, TestService } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

describe('e-mail the mail server refuses for good', () => {
  test('when the server answers 550 for the address, then the job fails at once, without retries', async () => {
    const data = newCitizenData();
    service.mail.refusedRecipients.add(data.email.toLowerCase());
    const res = await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } });
    expect(res.status).toBe(202);

    const mail = service.ctx.producer.queue('mail');
    const failedFor = async () => (await mail.getFailed()).filter((job) => job.name === 'mail.activation-code');
    await waitUntil(async () => (await failedFor()).length === 1, 'the activation e-mail job failed', 10_000);
    const [job] = await failedFor();
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toContain('550');
    expect(await mail.getDelayed()).toHaveLength(0);
    expect(service.mail.to(data.email)).toHaveLength(0);
  }, 30_000);
});
