import { z } from 'zod';
import { CITIZEN_AND_STAFF } from '../../../entities/user.entity';
import { meResponse } from '../../accounts/account.schemas';
import type { OwnAccountService } from '../../accounts/own-account.service';
import type { PasswordResetService } from '../../accounts/password-reset.service';
import {
  accountExportResponse,
  changeEmailBody,
  changePasswordBody,
  confirmEmailBody,
  deleteAccountBody,
  passwordResetBody,
  passwordResetConfirmBody,
} from '../../accounts/self-service.schemas';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';
import type { ApiRouter } from '../api-router';

const tags = ['Konto'];

/** Account recovery and self-service: password reset and change, address change, own data, erasure. */
export function selfServiceRoutes(api: ApiRouter, reset: PasswordResetService, own: OwnAccountService): void {
  api
    .route({
      method: 'post',
      path: '/auth/password-reset',
      summary: 'Poproś o kod resetowania hasła (ta sama odpowiedź dla każdego loginu)',
      tags,
      body: passwordResetBody,
      responses: { 202: { description: 'Przyjęto', schema: z.object({ status: z.literal('accepted') }) }, ...problems.tooMany },
      handler: async ({ body }) => {
        await reset.request(body.login);
        return { status: 202, body: { status: 'accepted' } };
      },
    })
    .route({
      method: 'post',
      path: '/auth/password-reset/confirm',
      summary: 'Ustaw nowe hasło kodem z e-maila; wszystkie tokeny konta przestają działać',
      tags,
      body: passwordResetConfirmBody,
      responses: {
        200: { description: 'Hasło zmienione', schema: z.object({ status: z.literal('password_changed') }) },
        400: { description: 'invalid_code or validation_failed', schema: problemSchema },
      },
      handler: async ({ body, req }) => {
        await reset.confirm(body.login, body.code, body.password, req.ip ?? 'unknown');
        return { status: 200, body: { status: 'password_changed' } };
      },
    })
    .route({
      method: 'post',
      path: '/me/password',
      // A 204 has no body to carry a new token: every token of the account, the caller's own
      // included, is refused afterwards, and the client logs in again with the new password.
      summary: 'Zmień hasło; wszystkie dotychczasowe tokeny konta (także ten) przestają działać — zaloguj się nowym hasłem',
      tags,
      roles: CITIZEN_AND_STAFF,
      body: changePasswordBody,
      responses: { 204: { description: 'Hasło zmienione' }, 400: { description: 'wrong_password or validation_failed', schema: problemSchema }, ...authProblems, ...problems.tooMany },
      handler: async ({ principal, body, req }) => {
        await own.changePassword(principal, body.currentPassword, body.newPassword, req.ip ?? 'unknown');
        return { status: 204 };
      },
    })
    .route({
      method: 'post',
      path: '/me/email',
      summary: 'Zmień adres e-mail: kod przychodzi na nowy adres, stary dostaje powiadomienie',
      tags,
      roles: CITIZEN_AND_STAFF,
      body: changeEmailBody,
      responses: {
        202: { description: 'Kod wysłany na nowy adres', schema: z.object({ status: z.literal('pending_confirmation') }) },
        400: { description: 'wrong_password or validation_failed', schema: problemSchema },
        ...authProblems,
        ...problems.tooMany,
      },
      handler: async ({ principal, body, req }) => {
        await own.requestEmailChange(principal.userId, body.email, body.password, req.ip ?? 'unknown');
        return { status: 202, body: { status: 'pending_confirmation' } };
      },
    })
    .route({
      method: 'post',
      path: '/me/email/confirm',
      summary: 'Potwierdź nowy adres e-mail kodem',
      tags,
      roles: CITIZEN_AND_STAFF,
      body: confirmEmailBody,
      responses: { 200: { description: 'Konto z nowym adresem', schema: meResponse }, 400: { description: 'invalid_code', schema: problemSchema }, ...authProblems },
      handler: async ({ principal, body, req }) => ({ status: 200, body: await own.confirmEmailChange(principal.userId, body.code, req.ip ?? 'unknown') }),
    })
    .route({
      method: 'get',
      path: '/me/export',
      summary: 'Pobierz moje dane (RODO art. 15 i 20)',
      tags,
      roles: CITIZEN_AND_STAFF,
      responses: { 200: { description: 'Wszystkie dane konta', schema: accountExportResponse }, ...authProblems },
      handler: async ({ principal }) => ({ status: 200, body: await own.exportData(principal.userId) }),
    })
    .route({
      method: 'delete',
      path: '/me',
      // Staff accounts are the office's: an admin disables them.
      summary: 'Usuń konto (mieszkańcy): wiadomości, zapytania o stan spraw i dane kontaktowe są kasowane, pisma w aktach spraw zostają',
      tags,
      roles: ['citizen'],
      body: deleteAccountBody,
      responses: { 204: { description: 'Konto usunięte' }, 400: { description: 'wrong_password', schema: problemSchema }, ...authProblems, ...problems.tooMany },
      handler: async ({ principal, body, req }) => {
        await own.deleteAccount(principal.userId, body.password, req.ip ?? 'unknown');
        return { status: 204 };
      },
    });
}
