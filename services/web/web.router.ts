import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AccountService } from '../accounts/account.service';
import type { TokenService } from '../auth/token.service';
import type { DomainServices } from '../domain-services';
import type { InboxService } from '../inbox/inbox.service';
import { AppError } from '../shared/app-error';
import { projectRoot } from '../shared/project-root';
import { sameOriginPosts } from '../http/same-origin';
import type { SessionCookies } from '../http/session';
import { accountPages } from './account';
import type { AccountSectionProvider } from './account/account-sections';
import { authPages } from './auth';
import { citizenPages } from './citizen';
import { officePages } from './office';
import type { OneShotForms } from './one-shot-forms';
import { pageError, pageNotFound, refuseNulInAddress } from './page-errors';
import { receiptCheckRoutes } from './receipt-check.routes';
import { webInfoRoutes } from './web-info.routes';
import { twoStepPages, twoStepSection } from './account/two-step.routes';
import type { PageUser } from './web-render';

const FORM_LIMIT = '1mb';

/** What other parts of the service add to /moje-konto, in order (e.g. the staff's two-step login). */
const accountSections = (accounts: AccountService): AccountSectionProvider[] => [twoStepSection(accounts)];

/**
 * The server-rendered Polish pages of the service: plain HTML forms, no scripts. They call the
 * same domain services as the JSON API; this layer only reads forms and draws pages.
 */
export interface WebDeps {
  services: DomainServices;
  tokens: TokenService;
  cookies: SessionCookies;
  /** One-shot forms (a reload must not open a second case, a double click send a second letter). */
  oneShot: OneShotForms;
  publicUrl: string;
  production: boolean;
}

export function webRouter(deps: WebDeps): express.Router {
  const { services, tokens, cookies } = deps;
  const { accounts, inbox } = services;

  const router = express.Router();
  // The API answers in JSON, even for paths it does not know.
  router.use((req: Request, _res: Response, next: NextFunction) => next(req.path.startsWith('/api/') ? 'router' : undefined));
  router.use(refuseNulInAddress);
  router.use('/static', express.static(path.join(projectRoot(), 'templates', 'pages', 'static'), { index: false, maxAge: '1h', fallthrough: false }));
  router.use((_req: Request, res: Response, next: NextFunction) => {
    // helmet's "no-referrer" makes browsers send "Origin: null" even with same-origin form
    // posts, which would leave the CSRF check nothing to compare; "same-origin" still tells
    // other sites nothing.
    res.set('Referrer-Policy', 'same-origin');
    next();
  });
  router.use(cookies.load());
  router.use((req: Request, res: Response, next: NextFunction) => {
    loadUser(res, accounts, inbox).then(() => next(), next);
  });
  router.use(sameOriginPosts(deps.publicUrl));
  router.use(express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 100 }));

  router.use(webInfoRoutes());
  router.use(receiptCheckRoutes(services.receipts));
  router.use(authPages(accounts, services.passwordReset, tokens, cookies));
  router.use(citizenPages(services, deps.oneShot));
  router.use(accountPages(services, tokens, cookies, accountSections(accounts)));
  router.use(twoStepPages(accounts, cookies));
  router.use(
    officePages({
      actors: services.actors,
      officeSubmissions: services.officeSubmissions,
      opening: services.caseOpening,
      management: services.caseManagement,
      units: services.units,
      oneShot: deps.oneShot,
      reminders: services.reminders,
      calls: services.calls,
      letters: services.letters,
      documents: services.documents,
      submissionReading: services.submissionReading,
      staffAdmin: services.staffAdmin,
      auditLog: services.auditLog,
    }),
  );

  router.use(pageNotFound);
  router.use(pageError(deps.production));
  return router;
}

/** Who is logged in, for the header; a session whose account is gone counts as none. */
async function loadUser(res: Response, accounts: AccountService, inbox: InboxService): Promise<void> {
  const session = res.locals.session;
  if (!session) return;
  try {
    const me = await accounts.me(session.principal.userId);
    const unread = me.role === 'citizen' ? (await inbox.list(me.id, { limit: 1, offset: 0 })).unread : 0;
    res.locals.user = { firstName: me.firstName, lastName: me.lastName, role: me.role, unread } satisfies PageUser;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    res.locals.session = null;
  }
}
