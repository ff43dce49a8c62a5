import type { JobHandler } from '../job-handler.types';
import { outcome } from './outcome';

/** The receipt of an ESP submission, into its sender's inbox. */
export const deliverSubmissionReceipt: JobHandler<'inbox.submission-received'> = async (job, ctx) =>
  outcome(await ctx.services.inboxNotices.submissionReceipt(job.data.submissionId));

/** The "case opened" notice (with the access key the sender asked for), into their inbox. */
export const deliverCaseOpened: JobHandler<'inbox.case-opened'> = async (job, ctx) => outcome(await ctx.services.inboxNotices.caseOpened(job.data.caseId));
