import type { AppContext } from '../services/context';
import { OFFICE_TIME_ZONE } from '../services/shared/office-time';
import { redisReady } from '../services/shared/redis';

/**
 * The id of the deadline scan's BullMQ job scheduler. It lives in Redis, once per installation
 * (queue prefix): every worker process upserts the same one, and each cron tick makes one job.
 */
export const DEADLINE_SCAN_SCHEDULER = 'deadline-scan';

/**
 * Sets the deadline scan's job scheduler to DEADLINE_SCAN_CRON (office time zone) and asks for
 * one scan now. The start scan's job id is the minute, so workers started together make one
 * job; a second one would be harmless anyway (the scan is idempotent), only wasted work.
 */
export async function scheduleDeadlineScans(ctx: AppContext, now: Date = new Date()): Promise<void> {
  await redisReady(ctx.redis, 30_000);
  await ctx.producer.upsertScheduler(DEADLINE_SCAN_SCHEDULER, { pattern: ctx.config.deadlines.scanCron, tz: OFFICE_TIME_ZONE }, { name: 'deadline.scan', data: {} });
  const minute = now.toISOString().slice(0, 16).replace(/\D/g, '');
  await ctx.producer.enqueue({ name: 'deadline.scan', data: {} }, `deadline-scan-at-start-${minute}`);
}
