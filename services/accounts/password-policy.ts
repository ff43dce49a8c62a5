import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../shared/project-root';

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(path.join(projectRoot(), 'config', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.trim().toLowerCase()),
  );
  return common;
}

/**
 * Why a password is refused, in Polish, or null when it is acceptable: 12–128 characters,
 * not the login, not a common password (also with digits or symbols added at either end,
 * as people do to pass a length rule: "password1234", "qwertyuiop!!").
 */
export function passwordProblem(password: string, login: string): string | null {
  if (password.length < 12) return 'Hasło musi mieć co najmniej 12 znaków.';
  if (password.length > 128) return 'Hasło może mieć najwyżej 128 znaków.';
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const loginCore = login.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (lower === login.toLowerCase() || (loginCore.length >= 3 && core === loginCore)) {
    return 'Hasło nie może być takie samo jak login.';
  }
  const list = commonPasswords();
  if (list.has(lower) || (core.length >= 4 && list.has(core)) || isRepetition(lower)) {
    return 'To hasło jest zbyt popularne i łatwe do odgadnięcia. Wybierz inne.';
  }
  return null;
}

/** "aaaaaaaaaaaa", "abcabcabcabc", "121212121212": one short run repeated. */
function isRepetition(password: string): boolean {
  return /^(.{1,4})\1+$/.test(password);
}
