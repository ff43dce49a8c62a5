import express from 'express';
import type { AccountService } from '../../accounts/account.service';
import type { PasswordResetService } from '../../accounts/password-reset.service';
import type { TokenService } from '../../auth/token.service';
import type { SessionCookies } from '../../http/session';
import { activationRoutes } from './activation.routes';
import { loginRoutes } from './login.routes';
import { passwordResetRoutes } from './password-reset.routes';
import { registerRoutes } from './register.routes';

/** Registration, activation, login and logout pages, and the forgotten password. */
export function authPages(accounts: AccountService, reset: PasswordResetService, tokens: TokenService, cookies: SessionCookies): express.Router {
  return express.Router().use(registerRoutes(accounts), activationRoutes(accounts), loginRoutes(accounts, tokens, cookies), passwordResetRoutes(reset));
}
