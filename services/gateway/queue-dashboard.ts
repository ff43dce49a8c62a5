import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type ErrorRequestHandler, type Request } from 'express';
import type { AppContext } from '../context';
import { sameOriginPosts } from '../http/same-origin';
import { dashboardStylePolicy } from '../http/security-headers';
import { pageError } from '../web/page-errors';
import { requireLogin, type SessionCookies } from '../http/session';
import type { Authenticator } from '../http/authenticate';

/** A person opening the dashboard in a browser (as opposed to a client with a bearer token). */
function fromBrowser(req: Request): boolean {
  return !req.headers.authorization && req.accepts(['json', 'html']) === 'html';
}

/**
 * The BullMQ dashboard (bull-board), for admins only. Clients with a bearer token get the API's
 * 401/403 problems; a browser without a session is sent to /logowanie and back, and a logged-in
 * person who is not an admin gets the Polish 403 page.
 */
export function queueDashboard(ctx: AppContext, authenticator: Authenticator, cookies: SessionCookies): express.Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/admin/queues');
  createBullBoard({ queues: ctx.producer.all().map((q) => new BullMQAdapter(q)), serverAdapter });

  const browserGate = express.Router().use(cookies.load(), requireLogin(['admin']));
  const pagesError = pageError(ctx.config.production);
  const pageForBrowsers: ErrorRequestHandler = (error, req, res, next) => (fromBrowser(req) ? pagesError(error, req, res, next) : next(error));

  const router = express.Router();
  router.use(dashboardStylePolicy);
  router.use((req, res, next) => (fromBrowser(req) ? browserGate(req, res, next) : next()));
  // The dashboard's own actions (retry, clean, …) ride on the session cookie too: same-origin only.
  const sameOrigin = sameOriginPosts(ctx.config.publicUrl, { publicOnly: true });
  router.use((req, res, next) => (req.headers.authorization ? next() : sameOrigin(req, res, next)));
  router.use(authenticator.require(['admin'], { sessionCookie: true }), serverAdapter.getRouter());
  router.use(pageForBrowsers);
  return router;
}
