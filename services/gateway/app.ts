import cookieParser from 'cookie-parser';
import express from 'express';
import promBundle from 'express-prom-bundle';
import { API_PREFIX, apiRouter } from '../api/api';
import { LiveEventHub } from '../api/live-events';
import type { AppContext } from '../context';
import { Authenticator } from '../http/authenticate';
import { operationsRoutes } from '../http/operations.routes';
import { errorHandler, notFoundHandler } from '../http/problem';
import { accessLog } from '../http/access-log';
import { securityHeaders } from '../http/security-headers';
import { SessionCookies } from '../http/session';
import { InboxEventSubscriber } from '../shared/inbox-events';
import { logger } from '../shared/logger';
import { registerQueueDepth, registry } from '../shared/metrics';
import { createRedis } from '../shared/redis';
import { OneShotForms } from '../web/one-shot-forms';
import { webRouter } from '../web/web.router';
import { queueDashboard } from './queue-dashboard';

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

/**
 * Builds the HTTP gateway: it validates, authorises, writes and enqueues; it runs no workers.
 * `live` holds the process's event streams (one Redis subscription): its owner closes it.
 */
export function createApp(ctx: AppContext, live = liveEventHub(ctx)): express.Express {
  const app = express();
  app.set('trust proxy', ctx.config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders(ctx.config.publicUrl));
  app.use(accessLog(logger, { ignore: ['/healthz', '/readyz', '/metrics'] }));
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
  const cookies = new SessionCookies(ctx.tokens, ctx.config.publicUrl);
  const { publicUrl, production } = ctx.config;
  // API answers carry personal data and tokens: no browser or proxy may keep a copy.
  app.use(API_PREFIX, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(API_PREFIX, apiRouter({ services: ctx.services, authenticator, publicUrl, live }));
  app.use(operationsRoutes(ctx, { metrics: ctx.config.metricsPort === 0 }));
  app.use(QUEUE_DASHBOARD_PATH, queueDashboard(ctx, authenticator, cookies));
  app.use(
    webRouter({
      services: ctx.services,
      tokens: ctx.tokens,
      cookies,
      oneShot: new OneShotForms(ctx.redis, ctx.producer.prefix),
      publicUrl,
      production,
    }),
  );
  app.use(notFoundHandler(ctx.config));
  app.use(errorHandler(ctx.config));
  return app;
}

/** The live event streams of one gateway process, with its one subscriber connection to Redis. */
export function liveEventHub(ctx: AppContext): LiveEventHub {
  const subscriber = new InboxEventSubscriber(() => createRedis(ctx.config.redis, 'consumer', 'inbox-events'), ctx.config.queuePrefix);
  return new LiveEventHub(subscriber, ctx.services.liveInbox, ctx.config.liveHeartbeatMs);
}
