import cookieParser from 'cookie-parser';
import express from 'express';
import promBundle from 'express-prom-bundle';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { config } from '../../config/config';
import { AccountService } from '../accounts/account.service';
import type { AppContext } from '../context';
import { InboxService } from '../inbox/inbox.service';
import { errorSerializer, logger } from '../shared/logger';
import { registerQueueDepth, registry } from '../shared/metrics';
import { ApiRouter } from '../api/api-router';
import { Authenticator } from '../http/authenticate';
import { buildOpenApiDocument } from '../api/openapi';
import { errorHandler, notFoundHandler } from '../http/problem';
import { accountRoutes } from '../api/routes/accounts.routes';
import { CaseOpeningService } from '../office/case-opening.service';
import { UnitsService } from '../office/units.service';
import { SubmissionService } from '../submissions/submission.service';
import { adminRoutes } from '../api/routes/admin.routes';
import { auditRoutes } from '../api/routes/audit.routes';
import { caseManagementRoutes } from '../api/routes/case-management.routes';
import { CaseManagementService } from '../office/case-management.service';
import { inboxRoutes } from '../api/routes/inbox.routes';
import { officeRoutes } from '../api/routes/office.routes';
import { submissionRoutes } from '../api/routes/submissions.routes';
import { citizenCaseRoutes } from '../api/routes/citizen-cases.routes';
import { statusCheckRoutes } from '../api/routes/status-checks.routes';
import { CitizenCasesService } from '../citizen-cases/citizen-cases.service';
import { StatusCheckService } from '../status-checks/status-check.service';
import { operationsRoutes } from '../http/operations.routes';
import { queueDashboard } from './queue-dashboard';
import { webRouter } from '../web/web.router';

export const API_PREFIX = '/api/v1';
const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The `path` label of HTTP metrics: the route's pattern (`/api/v1/cases/:id`), so that ids do
 * not make a series each. Express has reset `req.baseUrl` by the time the response ends, so the
 * mount point is found again from the original URL.
 */
function routeLabel(req: express.Request): string {
  const pattern: unknown = req.route?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  const mount = [API_PREFIX, QUEUE_DASHBOARD_PATH].find((m) => req.originalUrl === m || req.originalUrl.startsWith(`${m}/`));
  return `${mount ?? ''}${pattern}`;
}

/** Builds the HTTP gateway: it validates, authorises, writes and enqueues; it runs no workers. */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.set('trust proxy', config().trustProxy);
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger,
      serializers: { err: errorSerializer },
      // req.log carries only the request id: binding the whole request to a child logger on
      // every call costs more than the status-check handler itself.
      quietReqLogger: true,
      autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    }),
  );
  app.use(
    promBundle({
      autoregister: false,
      includeMethod: true,
      includePath: true,
      promRegistry: registry,
      metricType: 'histogram',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      normalizePath: (req) => routeLabel(req),
    }),
  );
  app.use(cookieParser());
  registerQueueDepth(() =>
    Promise.all(ctx.producer.all().map(async (q) => ({ queue: q.name, counts: await q.getJobCounts('waiting', 'active', 'delayed', 'failed') }))),
  );

  const authenticator = new Authenticator(ctx.tokens);
  const api = new ApiRouter(authenticator);
  accountRoutes(api, new AccountService(ctx));
  inboxRoutes(api, new InboxService(ctx.dataSource));
  submissionRoutes(api, new SubmissionService(ctx.dataSource, ctx.outbox));
  citizenCaseRoutes(api, new CitizenCasesService(ctx));
  statusCheckRoutes(api, new StatusCheckService(ctx));
  officeRoutes(api, ctx.dataSource, new CaseOpeningService(ctx.outbox));
  adminRoutes(api, ctx.dataSource, new UnitsService(ctx.dataSource));
  caseManagementRoutes(api, ctx.dataSource, new CaseManagementService(ctx.dataSource, ctx.outbox));
  auditRoutes(api, ctx.dataSource);

  const openApi = buildOpenApiDocument(api.openApiPaths(API_PREFIX), config().publicUrl);
  app.get(`${API_PREFIX}/openapi.json`, (_req, res) => {
    res.json(openApi);
  });
  app.use(API_PREFIX, api.router);
  app.use(operationsRoutes(ctx));
  app.use(QUEUE_DASHBOARD_PATH, queueDashboard(ctx, authenticator));
  app.use(webRouter(ctx));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
