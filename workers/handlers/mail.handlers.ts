import type { JobHandler } from '../job-handler.types';
import { outcome } from './outcome';

// Each e-mail job's id is its outbox event's id: the once-per-event key of the e-mail.

/** The activation code of a new registration. */
export const sendActivationCode: JobHandler<'mail.activation-code'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.activationCode(job.data.activationCodeId, job.id, ctx.mailer));

/** Someone tried to register with an address that has an account: tell its owner. */
export const sendEmailTaken: JobHandler<'mail.email-taken'> = async (job, ctx) => outcome(await ctx.services.mailNotices.emailTaken(job.data.userId, job.id, ctx.mailer));

/** The account is active: the contact inbox is ready. */
export const sendAccountActivated: JobHandler<'mail.account-activated'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.accountActivated(job.data.userId, job.id, ctx.mailer));

/** "A new message is waiting in the contact inbox." */
export const sendNewMessageNotice: JobHandler<'mail.new-message'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.newMessage(job.data.messageId, job.id, ctx.mailer));

/** An official's deadline reminder of one office day. */
export const sendDeadlineReminder: JobHandler<'mail.deadline-reminder'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.deadlineReminder(job.data.userId, job.data.day, job.id, ctx.mailer));

/** A password-reset code (or nothing, for a reset asked for a login without an active account). */
export const sendPasswordResetCode: JobHandler<'mail.password-reset-code'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.passwordResetCode(job.data.accountCodeId, job.id, ctx.mailer));

/** The password was reset or changed. */
export const sendPasswordChanged: JobHandler<'mail.password-changed'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.passwordChanged(job.data.userId, job.id, ctx.mailer));

/** The code that confirms a new address, sent to it. */
export const sendEmailChangeCode: JobHandler<'mail.email-change-code'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.emailChangeCode(job.data.accountCodeId, job.id, ctx.mailer));

/** The old address hears that a change was asked for. */
export const sendEmailChangeNotice: JobHandler<'mail.email-change-notice'> = async (job, ctx) =>
  outcome(await ctx.services.mailNotices.emailChangeNotice(job.data.accountCodeId, job.id, ctx.mailer));
