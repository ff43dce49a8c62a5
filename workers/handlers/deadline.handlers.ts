import type { JobHandler } from '../job-handler.types';
import { outcome } from './outcome';

/** One deadline scan, as of the moment it runs (the scheduler's tick, or a worker's start). */
export const scanDeadlines: JobHandler<'deadline.scan'> = async (_job, ctx) => {
  const result = await ctx.services.deadlineScan.scan(new Date());
  return outcome(result.overdueNotices + result.reminderMails + result.expiredCalls > 0);
};
