import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { audit } from '../audit/audit.service';
import { AppError } from '../shared/app-error';
import type { AppContext } from '../context';
import { sameOriginPosts } from '../http/same-origin';
import { dashboardStylePolicy } from '../http/security-headers';
import { pageError } from '../web/page-errors';
import { requireLogin, type SessionCookies } from '../http/session';
import type { Authenticator } from '../http/authenticate';

// The one kind of change the dashboard may make: retrying failed jobs (one, or all of a status).
const RETRY_PATH = /^\/api\/queues\/[^/]+\/(?:retry\/[^/]+|[^/]+\/retry)$/;

/**
 * The dashboard is for looking: reads pass, a retry passes and is written to the audit log with
 * who asked, and every other action (pause, clean, remove, promote, add) is refused. Jobs are the
 * outbox's copies of acts: removing or editing one by hand could lose a citizen's message.
 */
function retriesOnly(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (req.method !== 'PUT' || !RETRY_PATH.test(req.path)) {
      return next(AppError.forbidden('Panel kolejek służy do podglądu; z jego działań dostępne jest tylko ponowienie nieudanych zadań.'));
    }
    ctx.services.actors
      .of(res.locals.principal!, { ip: req.ip ?? null })
      .then((actor) => audit(ctx.dataSource, { actor: actor.login, action: 'queue.retry', subject: req.path.replace(/^\/api\/queues\//, ''), ip: actor.ip }))
      .then(() => next(), next);
  };
}

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
  router.use(authenticator.require(['admin'], { sessionCookie: true }), retriesOnly(ctx), serverAdapter.getRouter());
  router.use(pageForBrowsers);
  return router;
}
