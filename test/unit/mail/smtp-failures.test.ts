import { isPermanentSmtpFailure } from '../../../services/mail/mailer';

describe('which SMTP failures are permanent', () => {
  test.each([
    [{ code: 'EENVELOPE', responseCode: 550 }, true],
    [{ code: 'EMESSAGE', responseCode: 554 }, true],
    [{ code: 'EENVELOPE', responseCode: 451 }, false],
    [{ code: 'EAUTH', responseCode: 535 }, false],
    [{ code: 'ECONNREFUSED' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [new Error('socket hang up'), false],
    [undefined, false],
  ])('when the failure is %j, then permanent is %s', (error, permanent) => {
    expect(isPermanentSmtpFailure(error)).toBe(permanent);
  });
});
