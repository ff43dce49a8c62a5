import { newTotpSecret, otpauthUrl, totpStepOf } from '../../../services/auth/totp';
import { totpCode } from '../../support/totp';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (base32 below), 8-digit values; ours are their last 6 digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238, SHA-1, 30 s, 6 digits)', () => {
  test.each([
    [59_000, '287082'],
    [1_111_111_109_000, '081804'],
    [1_234_567_890_000, '005924'],
    [2_000_000_000_000, '279037'],
  ])('when the time is %p ms, then the RFC test vector %p is accepted for its step', (at, code) => {
    expect(totpStepOf(RFC_SECRET, code, at)).toBe(Math.floor(at / 30_000));
  });

  test('when the code is of the step before or after, then it is accepted with that step; two steps away it is not', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(totpStepOf(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(totpStepOf(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(totpStepOf(secret, totpCode(secret, now - 90_000), now)).toBeNull();
  });

  test.each(['', '12345', '1234567', 'abcdef', '12 34 5x'])('when the code is %p, then it is refused', (code) => {
    expect(totpStepOf(newTotpSecret(), code)).toBeNull();
  });

  test('when a code is typed with spaces, then it counts', () => {
    const secret = newTotpSecret();
    const code = totpCode(secret);
    expect(totpStepOf(secret, `${code.slice(0, 3)} ${code.slice(3)}`)).not.toBeNull();
  });

  test('when a secret is made, then it is 160 random bits in base32 and the address names the parameters', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const url = new URL(otpauthUrl(secret, 'ewa.nowak'));
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('period')).toBe('30');
    expect(url.searchParams.get('digits')).toBe('6');
  });
});
