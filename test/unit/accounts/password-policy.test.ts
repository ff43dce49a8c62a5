import { passwordProblem } from '../../../services/accounts/password-policy';

describe('passwordProblem', () => {
  test('when the password is 12–128 characters, uncommon and not the login, then it is accepted', () => {
    expect(passwordProblem('Zielona-Herbata-7', 'jan.kowalski')).toBeNull();
    expect(passwordProblem('Zie1ona-Herb', 'jan.kowalski')).toBeNull();
    expect(passwordProblem('Zielona-Herbata-' + 'x7'.repeat(56), 'jan.kowalski')).toBeNull();
  });

  test('when the password has fewer than 12 characters, then it is refused', () => {
    expect(passwordProblem('Zie1ona-Her', 'jan.kowalski')).toMatch(/12/);
  });

  test('when the password has more than 128 characters, then it is refused', () => {
    expect(passwordProblem('Zielona-Herbata-' + 'x7'.repeat(56) + 'y', 'jan.kowalski')).toMatch(/128/);
  });

  test('when the password is the login in any letter case, then it is refused', () => {
    expect(passwordProblem('jan.kowalski.z.warszawy', 'jan.kowalski.z.warszawy')).toMatch(/login/);
    expect(passwordProblem('JAN.KOWALSKI.Z.WARSZAWY', 'jan.kowalski.z.warszawy')).toMatch(/login/);
  });

  test('when the password is the login with digits added, then it is refused', () => {
    expect(passwordProblem('kowalskijan2024', 'kowalskijan')).toMatch(/login/);
  });

  test.each(['password1234', 'qwertyuiop12', 'Password1234', '1234qwertyuiop', 'qwertyuiop!!'])(
    'when the password is the common %p, then it is refused',
    (password) => {
      expect(passwordProblem(password, 'jan.kowalski')).toMatch(/popularne/);
    },
  );

  test.each(['aaaaaaaaaaaa', 'abcabcabcabc', '121212121212'])('when the password %p repeats one short run, then it is refused', (password) => {
    expect(passwordProblem(password, 'jan.kowalski')).not.toBeNull();
  });
});
