import express from 'express';
import type { DomainServices } from '../../domain-services';
import type { TokenService } from '../../auth/token.service';
import type { SessionCookies } from '../../http/session';
import { accountDeletionRoutes } from './account-deletion.routes';
import type { AccountSectionProvider } from './account-sections';
import { myAccountRoutes } from './my-account.routes';

/** /moje-konto and its pages; `sections` are what other parts add to it (staff two-step login). */
export function accountPages(services: DomainServices, tokens: TokenService, cookies: SessionCookies, sections: readonly AccountSectionProvider[] = []): express.Router {
  return express
    .Router()
    .use(myAccountRoutes({ accounts: services.accounts, own: services.ownAccount, tokens, cookies, sections }), accountDeletionRoutes(services.ownAccount, cookies));
}
