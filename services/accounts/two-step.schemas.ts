import { z } from 'zod';
import type { LoginResult } from './two-step.service';

export const mfaRequiredResponse = z
  .object({ mfaRequired: z.literal(true), mfaToken: z.string().meta({ description: 'For POST /auth/login/mfa; valid 5 minutes, once' }) })
  .meta({ id: 'MfaRequiredResponse' });

/** A TOTP code as people type it: 6 digits, spaces allowed. */
const totpCode = z
  .string()
  .trim()
  .min(1, 'Wpisz kod z aplikacji.')
  .max(20)
  .regex(/^[\d\s]+$/, 'Kod z aplikacji to 6 cyfr.')
  .meta({ example: '123456' });

export const mfaLoginBody = z.strictObject({ mfaToken: z.string().min(1).max(200), code: totpCode }).meta({ id: 'MfaLoginRequest' });

export const mfaConfirmBody = z.strictObject({ code: totpCode }).meta({ id: 'MfaConfirmRequest' });

export const mfaSetupResponse = z
  .object({ secret: z.string().meta({ description: 'Base32, 160 bits; shown this once' }), otpauthUrl: z.string() })
  .meta({ id: 'MfaSetup' });

/** The login's JSON answer: the tokens, or the second step's token. */
export function loginAnswer(result: LoginResult) {
  if ('mfaRequired' in result) return result;
  return { accessToken: result.accessToken, tokenType: 'Bearer' as const, expiresIn: result.expiresIn };
}
