import express from 'express';
import { sendPage } from './web-render';
import { isStaff } from '../http/session';
import { PAGES } from '../shared/page-paths';
import { TERMS_VERSION } from '../shared/terms-version';

/** The pages anyone may read: the home page, help, terms of service and accessibility statement. */
export function webInfoRoutes(): express.Router {
  const router = express.Router();
  router.get(PAGES.home, (_req, res) => {
    const session = res.locals.session ?? null;
    sendPage(res, 'strona-glowna', { title: 'Strona główna', staff: session !== null && isStaff(session.principal.role) });
  });
  router.get(PAGES.help, (_req, res) => sendPage(res, 'pomoc', { title: 'Pomoc' }));
  router.get(PAGES.terms, (_req, res) => sendPage(res, 'regulamin', { title: 'Regulamin usługi', termsVersion: TERMS_VERSION }));
  router.get(PAGES.accessibility, (_req, res) => sendPage(res, 'deklaracja-dostepnosci', { title: 'Deklaracja dostępności' }));
  return router;
}
