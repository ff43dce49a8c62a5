import { accountCodeHash, accountCodeOf } from '../../../services/accounts/account-codes';
import { sameDigest } from '../../../services/shared/secrets';

describe('password-reset and address codes', () => {
  const seed = 'a'.repeat(64);

  test('when a code is derived from a seed, then it is 8 Crockford symbols and the same seed gives the same code (a retried e-mail sends the same one)', () => {
    const code = accountCodeOf('password_reset', seed);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(accountCodeOf('password_reset', seed)).toBe(code);
  });

  test('when the same seed serves another purpose, then the code differs: a reset code never confirms an address', () => {
    expect(accountCodeOf('email_change', seed)).not.toBe(accountCodeOf('password_reset', seed));
    const code = accountCodeOf('password_reset', seed);
    expect(sameDigest(accountCodeHash('email_change', code), accountCodeHash('password_reset', code))).toBe(false);
  });

  test('when a code is typed in lower case, with dashes, spaces or look-alike letters, then it still matches its hash', () => {
    const code = accountCodeOf('password_reset', seed);
    const stored = accountCodeHash('password_reset', code);
    const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4).replace(/0/g, 'o').replace(/1/g, 'l')} `;
    expect(sameDigest(accountCodeHash('password_reset', typed), stored)).toBe(true);
    expect(sameDigest(accountCodeHash('password_reset', `${code.slice(0, 7)}${code.at(-1) === 'Z' ? 'Y' : 'Z'}`), stored)).toBe(false);
  });
});
