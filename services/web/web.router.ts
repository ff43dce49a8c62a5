import path from 'node:path';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AccountService } from '../accounts/account.service';
import type { TokenService } from '../auth/token.service';
import type { DomainServices } from '../domain-services';
import type { InboxService } from '../inbox/inbox.service';
import { internalError, toAppError } from '../http/problem';
import { AppError } from '../shared/app-error';
import { logger } from '../shared/logger';
import { projectRoot } from '../shared/project-root';
import { webAuthRoutes } from './web-auth.routes';
import { webCasesRoutes } from './web-cases.routes';
import { OneShotForms } from './one-shot-forms';
import { webOfficeRoutes } from './web-office.routes';
import { sameOriginPosts } from '../http/same-origin';
import { webInboxRoutes } from './web-inbox.routes';
import { webInfoRoutes } from './web-info.routes';
import { sendPage, type PageUser } from './web-render';
import type { SessionCookies, WebSession } from '../http/session';

const FORM_LIMIT = '1mb';

/**
 * The server-rendered Polish pages of the service: plain HTML forms, no scripts. They call the
 * same domain services as the JSON API; this layer only reads forms and draws pages.
 */
export interface WebDeps {
  services: DomainServices;
  tokens: TokenService;
  cookies: SessionCookies;
  /** One-shot forms (a reload must not open a second case). */
  once: OneShotForms;
  publicUrl: string;
  production: boolean;
  /** @deprecated the office pages' own SQL, until it moves into the domain. */
  dataSource: DataSource;
}

export function webRouter(deps: WebDeps): express.Router {
  const { services, tokens, cookies } = deps;
  const { accounts, inbox, submissions } = services;

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
  router.use(webAuthRoutes(accounts, tokens, cookies));
  router.use(webInboxRoutes(accounts, inbox, submissions));
  router.use(webCasesRoutes(services.citizenCases, services.statusChecks));
  router.use(webOfficeRoutes(deps.dataSource, services.caseOpening, services.caseManagement, services.units, deps.once));

  router.use(pageNotFound);
  router.use(pageError(deps.production));
  return router;
}

/** Who is logged in, for the header; a session whose account is gone counts as none. */
async function loadUser(res: Response, accounts: AccountService, inbox: InboxService): Promise<void> {
  const session = res.locals.session as WebSession | null;
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

/**
 * A 400 page for an address holding %00: PostgreSQL cannot store or compare U+0000 in text,
 * and a path or query value reaches it (case numbers, filters) before any form does.
 */
function refuseNulInAddress(req: Request, _res: Response, next: NextFunction): void {
  if (!/%00/i.test(req.originalUrl)) return next();
  const detail = 'Adres zawiera niedozwolony znak (%00). Sprawdź adres albo zacznij od strony głównej.';
  next(new AppError(400, 'validation_failed', 'Niepoprawny adres', detail, [{ field: 'path', message: detail }]));
}

/** An HTML 404 for browsers; other clients fall through to the JSON problem. */
function pageNotFound(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' || req.accepts(['json', 'html']) !== 'html') return next();
  sendPage(res, 'blad', { title: 'Nie znaleziono strony', heading: 'Nie znaleziono strony', detail: 'Nie ma takiej strony. Sprawdź adres albo zacznij od strony głównej.', code: 'not_found' }, 404);
}

const PARSER_ERRORS: Record<string, AppError> = {
  'entity.too.large': new AppError(413, 'payload_too_large', 'Za duży formularz', 'Formularz jest za duży (najwyżej 1 MiB). Skróć tekst i wyślij go ponownie.'),
  'parameters.too.many': AppError.validation([], 'Formularz ma za dużo pól.'),
};

/**
 * Errors of web pages as pages, with the same Polish detail the API gives: the form's own words
 * for a form too large, then whatever the API's mapper makes of an error with a 4xx status (a
 * malformed %-escape in the address is a 400, not a server fault).
 */
export function pageError(production: boolean): ErrorRequestHandler {
  return (error, req, res, _next) => {
  const { type: parserType, status } = (error ?? {}) as { type?: string; status?: number };
  const appError =
    (parserType ? PARSER_ERRORS[parserType] : undefined) ??
    (status === 404 && !(error instanceof AppError) ? AppError.notFound('Nie ma takiego pliku.') : undefined) ??
    toAppError(error);
  if (!appError) {
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error on a web page');
  }
  const shown = appError ?? internalError(error, production);
  res.set(shown.headers);
  sendPage(res, 'blad', { title: shown.title, heading: shown.title, detail: shown.detail, code: shown.code }, shown.status);
  };
}
