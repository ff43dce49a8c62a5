import type { EntityManager } from 'typeorm';
import type { Role } from '../../entities/user.entity';
import { AppError } from '../shared/app-error';
import { uniqueViolation } from '../shared/database';
import { hashPassword } from './password-hash';
import { passwordProblem } from './password-policy';
import { insertStaffUser } from './user.repository';

export interface NewStaffAccount {
  login: string;
  password: string;
  firstName: string;
  lastName: string;
  role: Exclude<Role, 'citizen'>;
  email?: string;
  unitId?: string | null;
}

/** Staff need no personal address; a unique placeholder under `.invalid` keeps the e-mail index honest. */
export function placeholderEmail(login: string): string {
  return `${login}@staff.invalid`;
}

/** Creates an active staff account (no activation e-mail: the admin hands over the login). */
export async function createStaffAccount(manager: EntityManager, input: NewStaffAccount): Promise<{ id: string; login: string; role: Role }> {
  const login = input.login.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,32}$/.test(login)) {
    throw AppError.validation([{ field: 'login', message: 'Login musi mieć od 3 do 32 znaków: litery a–z, cyfry, kropka, podkreślenie lub myślnik.' }]);
  }
  const problem = passwordProblem(input.password, login);
  if (problem) throw AppError.validation([{ field: 'password', message: problem }]);
  const email = input.email ?? placeholderEmail(login);
  try {
    const id = await insertStaffUser(manager, {
      login,
      email,
      passwordHash: await hashPassword(input.password),
      firstName: input.firstName,
      lastName: input.lastName,
      role: input.role,
      unitId: input.unitId ?? null,
    });
    return { id, login, role: input.role };
  } catch (error) {
    if (uniqueViolation(error) === 'users_email_normalized_key') {
      throw AppError.conflict('email_taken', 'Ten adres e-mail ma już inne konto. Podaj służbowy adres tej osoby.');
    }
    if (uniqueViolation(error)) throw AppError.conflict('login_taken', 'Ten login jest już zajęty.');
    throw error;
  }
}
