import { STAFF_ROLES } from '../../../entities/user.entity';
import { tokenResponse } from '../../accounts/account.schemas';
import { loginAnswer, mfaConfirmBody, mfaLoginBody, mfaSetupResponse } from '../../accounts/two-step.schemas';
import type { TwoStepService } from '../../accounts/two-step.service';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Konto'];

/** Two-step login for staff: the login's second step, setting it up and confirming it. */
export function twoStepRoutes(api: ApiRouter, twoStep: TwoStepService): void {
  api
    .route({
      method: 'post',
      path: '/auth/login/mfa',
      summary: 'Drugi krok logowania: kod z aplikacji (TOTP)',
      tags,
      body: mfaLoginBody,
      responses: {
        200: { description: 'Token dostępu', schema: tokenResponse },
        ...problems.badRequest,
        401: { description: 'invalid_code (a code works once); unauthorized for an expired or used mfaToken', schema: problemSchema },
        ...problems.tooMany,
      },
      handler: async ({ body, req }) => ({ status: 200, body: loginAnswer(await twoStep.completeLogin(body.mfaToken, body.code, req.ip ?? 'unknown')) }),
    })
    .route({
      method: 'post',
      path: '/me/mfa',
      summary: 'Włącz logowanie dwuetapowe: nowy sekret (pokazany tylko raz)',
      tags,
      roles: STAFF_ROLES,
      duringMfaSetup: true,
      responses: { 201: { description: 'Sekret TOTP i adres otpauth:// dla aplikacji', schema: mfaSetupResponse }, ...authProblems, 409: { description: 'mfa_enabled', schema: problemSchema } },
      handler: async ({ principal, req }) => ({ status: 201, body: await twoStep.setUp(principal.userId, req.ip ?? 'unknown') }),
    })
    .route({
      method: 'post',
      path: '/me/mfa/confirm',
      summary: 'Potwierdź logowanie dwuetapowe kodem z aplikacji',
      tags,
      roles: STAFF_ROLES,
      duringMfaSetup: true,
      body: mfaConfirmBody,
      responses: {
        204: { description: 'Włączone: odtąd logowanie wymaga kodu' },
        400: { description: 'invalid_code or validation_failed', schema: problemSchema },
        ...authProblems,
        409: { description: 'mfa_enabled', schema: problemSchema },
        ...problems.tooMany,
      },
      handler: async ({ principal, body, req }) => {
        await twoStep.confirm(principal.userId, body.code, req.ip ?? 'unknown');
        return { status: 204 };
      },
    });
}
