import type { JobHandler } from '../job-handler.types';
import { outcome } from './outcome';

/** A call for completion (KPA art. 64 §2): into the inbox of every citizen linked to the case. */
export const deliverCaseCall: JobHandler<'inbox.case-call'> = async (job, ctx) => outcome(await ctx.services.inboxNotices.caseCallForCompletion(job.data.callId));

/** An office letter: into the inbox of every citizen linked to the case. */
export const deliverCaseLetter: JobHandler<'inbox.case-letter'> = async (job, ctx) => outcome(await ctx.services.inboxNotices.caseLetter(job.data.letterId));

/** A party's reply: e-mail the responsible official, or else the unit (the job id is the outbox event's: once per event). */
export const sendReplyReceived: JobHandler<'mail.reply-received'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.replyReceived(job.data.replyId, job.id, ctx.mailer));
