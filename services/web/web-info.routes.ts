import express from 'express';
import { sendPage } from './web-render';
import { isStaff, type WebSession } from '../http/session';

/** The pages anyone may read: the home page, help, terms of service and accessibility statement. */
export function webInfoRoutes(): express.Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    const session = res.locals.session as WebSession | null;
    sendPage(res, 'strona-glowna', { title: 'Strona główna', staff: session !== null && isStaff(session.principal.role) });
  });
  router.get('/pomoc', (_req, res) => sendPage(res, 'pomoc', { title: 'Pomoc' }));
  router.get('/regulamin', (_req, res) => sendPage(res, 'regulamin', { title: 'Regulamin usługi' }));
  router.get('/deklaracja-dostepnosci', (_req, res) => sendPage(res, 'deklaracja-dostepnosci', { title: 'Deklaracja dostępności' }));
  return router;
}
