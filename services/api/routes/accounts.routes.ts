import { z } from 'zod';
import { CITIZEN_AND_STAFF } from '../../../entities/user.entity';
import {
  activateBody,
  loginBody,
  meResponse,
  registerBody,
  resendActivationBody,
  tokenResponse,
  updateMeBody,
} from '../../accounts/account.schemas';
import { loginAnswer, mfaRequiredResponse } from '../../accounts/two-step.schemas';
import type { AccountService } from '../../accounts/account.service';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Konto'];

/** Registration, activation, login, logout and the caller's own account. */
export function accountRoutes(api: ApiRouter, accounts: AccountService): void {
  api
    .route({
      method: 'post',
      path: '/auth/register',
      summary: 'Załóż konto obywatela; kod aktywacyjny przychodzi e-mailem',
      tags,
      body: registerBody,
      responses: {
        202: { description: 'Konto czeka na aktywację', schema: z.object({ status: z.literal('pending_activation') }) },
        ...problems.badRequest,
        409: { description: 'login_taken', schema: problemSchema },
        ...problems.tooMany,
      },
      handler: async ({ body, req }) => {
        await accounts.register(body, req.ip ?? 'unknown');
        return { status: 202, body: { status: 'pending_activation' } };
      },
    })
    .route({
      method: 'post',
      path: '/auth/activate',
      summary: 'Aktywuj konto kodem z e-maila',
      tags,
      body: activateBody,
      responses: {
        200: { description: 'Konto aktywne', schema: z.object({ status: z.literal('active') }) },
        400: { description: 'invalid_code or validation_failed', schema: problemSchema },
      },
      handler: async ({ body }) => {
        await accounts.activate(body.login, body.code);
        return { status: 200, body: { status: 'active' } };
      },
    })
    .route({
      method: 'post',
      path: '/auth/resend-activation',
      summary: 'Wyślij nowy kod aktywacyjny (ta sama odpowiedź dla każdego loginu)',
      tags,
      body: resendActivationBody,
      responses: { 202: { description: 'Przyjęto', schema: z.object({ status: z.literal('accepted') }) }, ...problems.badRequest },
      handler: async ({ body }) => {
        await accounts.resendActivation(body.login);
        return { status: 202, body: { status: 'accepted' } };
      },
    })
    .route({
      method: 'post',
      path: '/auth/login',
      summary: 'Zaloguj się (obywatel i pracownik urzędu)',
      tags,
      body: loginBody,
      responses: {
        200: { description: 'Token dostępu albo (logowanie dwuetapowe) mfaToken do drugiego kroku', schema: z.union([tokenResponse, mfaRequiredResponse]) },
        ...problems.badRequest,
        401: { description: 'invalid_credentials', schema: problemSchema },
        403: { description: 'account_not_active, account_disabled', schema: problemSchema },
        ...problems.tooMany,
      },
      handler: async ({ body, req }) => ({ status: 200, body: loginAnswer(await accounts.login(body.login, body.password, req.ip ?? 'unknown')) }),
    })
    .route({
      method: 'post',
      path: '/auth/logout',
      summary: 'Wyloguj się: ten token przestaje działać',
      tags,
      roles: CITIZEN_AND_STAFF,
      duringMfaSetup: true,
      responses: { 204: { description: 'Wylogowano' }, ...problems.unauthorized },
      handler: async ({ principal, req }) => {
        await accounts.logout(principal, req.ip ?? 'unknown');
        return { status: 204 };
      },
    })
    .route({
      method: 'get',
      path: '/me',
      summary: 'Moje konto',
      tags,
      roles: CITIZEN_AND_STAFF,
      duringMfaSetup: true,
      responses: { 200: { description: 'Konto', schema: meResponse }, ...authProblems },
      handler: async ({ principal }) => ({ status: 200, body: await accounts.me(principal.userId) }),
    })
    .route({
      method: 'patch',
      path: '/me',
      summary: 'Zmień ustawienia powiadomień e-mail',
      tags,
      roles: CITIZEN_AND_STAFF,
      body: updateMeBody,
      responses: { 200: { description: 'Konto', schema: meResponse }, ...problems.badRequest, ...authProblems },
      handler: async ({ principal, body }) => ({ status: 200, body: await accounts.updateMe(principal.userId, body) }),
    });
}
