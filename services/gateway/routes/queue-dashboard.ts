import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express from 'express';
import type { AppContext } from '../../context';
import type { Authenticator } from '../http/authenticate';

/** The BullMQ dashboard (bull-board), for admins only. */
export function queueDashboard(ctx: AppContext, authenticator: Authenticator): express.Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/admin/queues');
  createBullBoard({ queues: ctx.producer.all().map((q) => new BullMQAdapter(q)), serverAdapter });
  const router = express.Router();
  router.use(authenticator.require(['admin'], { sessionCookie: true }), serverAdapter.getRouter());
  return router;
}
