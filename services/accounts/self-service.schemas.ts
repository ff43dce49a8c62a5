import { z } from 'zod';
import { meResponse, passwordSchema } from './account.schemas';

// Any string is "a login" here: the answer is 202 whatever it is, so that nothing can be learnt.
export const passwordResetBody = z
  .strictObject({ login: z.string().trim().toLowerCase().min(1).max(64) })
  .meta({ id: 'PasswordResetRequest' });

const code = z.string().trim().min(1).max(64);

export const passwordResetConfirmBody = z
  .strictObject({ login: z.string().trim().toLowerCase().min(1).max(64), code, password: passwordSchema })
  .meta({ id: 'PasswordResetConfirmRequest' });

export const changePasswordBody = z
  .strictObject({ currentPassword: z.string().min(1).max(1000), newPassword: passwordSchema })
  .meta({ id: 'ChangePasswordRequest' });

export const changeEmailBody = z
  .strictObject({
    // Trimmed before the format check, as at registration.
    email: z.string().trim().pipe(z.email('Podaj poprawny adres e-mail.').max(254)),
    password: z.string().min(1).max(1000),
  })
  .meta({ id: 'ChangeEmailRequest' });

export const confirmEmailBody = z.strictObject({ code }).meta({ id: 'ConfirmEmailRequest' });

export const deleteAccountBody = z.strictObject({ password: z.string().min(1).max(1000) }).meta({ id: 'DeleteAccountRequest' });

const at = z.string().meta({ description: 'ISO 8601, UTC' });

/** GET /me/export: everything the service holds about the caller (GDPR art. 15 and 20). */
export const accountExportResponse = z
  .object({
    exportedAt: at,
    account: meResponse.extend({ createdAt: at, activatedAt: at.nullable() }),
    messages: z.array(z.object({ id: z.uuid(), kind: z.string(), subject: z.string(), bodyText: z.string(), createdAt: at, readAt: at.nullable() })),
    submissions: z.array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        title: z.string(),
        content: z.string(),
        receiptNumber: z.string(),
        status: z.string(),
        submittedAt: at,
        caseNumber: z.string().nullable(),
        attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() })),
      }),
    ),
    cases: z.array(z.object({ number: z.string(), title: z.string(), status: z.string(), via: z.string(), linkedAt: at })),
    statusChecks: z.array(z.object({ caseNumber: z.string(), status: z.string(), requestedAt: at, deliveredAt: at.nullable() })),
    logins: z.array(z.object({ at, action: z.string(), ip: z.string().nullable() })),
  })
  .meta({ id: 'AccountExport' });
