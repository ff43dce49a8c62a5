import type { JobHandler } from '../job-handler.types';
import { outcome } from './outcome';

/** A ponaglenie was filed: e-mail the responsible official, or else the unit (the job id is the outbox event's: once per event). */
export const sendReminderFiled: JobHandler<'mail.reminder-filed'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.reminderFiled(job.data.reminderId, job.id, ctx.mailer));

/** A ponaglenie was passed on: into the inbox of every citizen linked to the case. */
export const deliverCaseReminderForwarded: JobHandler<'inbox.case-reminder-forwarded'> = async (job, ctx) =>
  outcome(await ctx.services.inboxNotices.caseReminderForwarded(job.data.reminderId));
