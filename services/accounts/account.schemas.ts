import { z } from 'zod';
import { ACCOUNT_STATUSES, ROLES } from '../../entities/user.entity';

/** Login: 3–32 of a-z 0-9 . _ - (letter case is ignored: stored in lower case). */
export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'Login musi mieć od 3 do 32 znaków: litery a–z, cyfry, kropka, podkreślenie lub myślnik.')
  .meta({ example: 'jan.kowalski' });

/** The password's length rule; the other rules (login, common list) are checked in the service. */
export const passwordSchema = z.string().min(1).max(1000).meta({ description: '12–128 znaków; nie login i nie popularne hasło' });

/** A first or last name: letters (any alphabet), with spaces, hyphens, apostrophes and dots between. */
export const personName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^\p{L}[\p{L}\p{M} '’.-]*$/u, 'Wpisz samo imię lub nazwisko: litery, spacja, myślnik, apostrof lub kropka.');

export const registerBody = z
  .strictObject({
    login: loginSchema,
    // Trimmed before the format check: a pasted address often ends with a space.
    email: z.string().trim().pipe(z.email('Podaj poprawny adres e-mail.').max(254)),
    password: passwordSchema,
    firstName: personName,
    lastName: personName,
    acceptTerms: z.literal(true, 'Aby założyć konto, zaakceptuj regulamin.'),
  })
  .meta({ id: 'RegisterRequest' });

export const activateBody = z
  .strictObject({ login: z.string().trim().toLowerCase().min(1).max(64), code: z.string().trim().min(1).max(64) })
  .meta({ id: 'ActivateRequest' });

// Any string is "a login" here: the answer is 202 whatever it is, so that nothing can be learnt.
export const resendActivationBody = z.strictObject({ login: z.string().trim().toLowerCase() });

export const loginBody = z
  .strictObject({ login: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(1000) })
  .meta({ id: 'LoginRequest' });

export const tokenResponse = z
  .object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int() })
  .meta({ id: 'TokenResponse' });

export const meResponse = z
  .object({
    id: z.uuid(),
    login: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    role: z.enum(ROLES),
    status: z.enum(ACCOUNT_STATUSES),
    notifyByEmail: z.boolean(),
  })
  .meta({ id: 'Me' });

export const updateMeBody = z.strictObject({ notifyByEmail: z.boolean() }).meta({ id: 'UpdateMeRequest' });

export type RegisterInput = z.output<typeof registerBody>;
export type Me = z.output<typeof meResponse>;
