import type { JobHandler } from '../job-handler.types';
import { outcome } from './outcome';

/** A status change, into the inbox of every citizen linked to the case. */
export const deliverCaseStatusChanged: JobHandler<'inbox.case-status-changed'> = async (job, ctx) =>
  outcome(await ctx.services.inboxNotices.caseStatusChanged(job.data.historyId));

/** A new deadline (KPA art. 36), into the inbox of every citizen linked to the case. */
export const deliverCaseDeadlineChanged: JobHandler<'inbox.case-deadline-changed'> = async (job, ctx) =>
  outcome(await ctx.services.inboxNotices.caseDeadlineChanged(job.data.deadlineChangeId));
