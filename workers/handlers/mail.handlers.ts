import type { User } from '../../entities/user.entity';
import { findActivationCode, forgetActivationSeed } from '../../services/accounts/activation-code.repository';
import { ACTIVATION_CODE_VALID_HOURS, activationCodeOf } from '../../services/accounts/activation-codes';
import { findUserById } from '../../services/accounts/user.repository';
import { findMessageRecipient } from '../../services/inbox/message.repository';
import { renderMail } from '../../services/mail/mail-templates';
import { inboxMessagePath, PAGES } from '../../services/shared/page-paths';
import type { Rendered } from '../../services/shared/templates';
import type { JobHandler, WorkerContext } from '../job-handler';

const url = (ctx: WorkerContext, path: string) => `${ctx.config.publicUrl}${path}`;

/**
 * Sends an e-mail once per event: an event already marked processed is skipped. (SMTP cannot
 * join our transaction, so a crash between sending and marking may send one e-mail twice;
 * it never loses one.)
 */
async function sendOnce(job: { id: string }, ctx: WorkerContext, to: string, mail: Rendered): Promise<'done' | 'skipped'> {
  if (await ctx.outbox.isProcessed(job.id)) return 'skipped';
  await ctx.mailer.send(to, mail);
  await ctx.outbox.markProcessed(job.id);
  return 'done';
}

async function findUser(ctx: WorkerContext, id: string): Promise<User | null> {
  return findUserById(ctx.dataSource, id);
}

export const sendActivationCode: JobHandler<'mail.activation-code'> = async (job, ctx) => {
  const row = await findActivationCode(ctx.dataSource, job.data.activationCodeId);
  if (!row?.seed || row.spentAt || row.expiresAt < new Date()) return 'skipped';
  const user = await findUser(ctx, row.userId);
  if (!user || user.status !== 'pending_activation') return 'skipped';
  // No name in this e-mail: anybody can register any address, and the name is theirs to type.
  const mail = renderMail('activation-code', {
    login: user.login,
    code: activationCodeOf(row.seed),
    activationUrl: url(ctx, `${PAGES.activation}?login=${encodeURIComponent(user.login)}`),
    validHours: ACTIVATION_CODE_VALID_HOURS,
  });
  const sent = await sendOnce(job, ctx, user.email, mail);
  // Sent: the seed goes, so the database alone can no longer give the code away.
  await forgetActivationSeed(ctx.dataSource, row.id);
  return sent;
};

export const sendEmailTaken: JobHandler<'mail.email-taken'> = async (job, ctx) => {
  const user = await findUser(ctx, job.data.userId);
  if (!user) return 'skipped';
  const mail = renderMail('email-taken', { firstName: user.firstName, loginUrl: url(ctx, PAGES.login), helpUrl: url(ctx, PAGES.help) });
  return sendOnce(job, ctx, user.email, mail);
};

export const sendAccountActivated: JobHandler<'mail.account-activated'> = async (job, ctx) => {
  const user = await findUser(ctx, job.data.userId);
  if (!user) return 'skipped';
  const mail = renderMail('account-activated', { firstName: user.firstName, login: user.login, inboxUrl: url(ctx, PAGES.inbox) });
  return sendOnce(job, ctx, user.email, mail);
};

/** "A new message is waiting": a link only, never case data or an access key. */
export const sendNewMessageNotice: JobHandler<'mail.new-message'> = async (job, ctx) => {
  const message = await findMessageRecipient(ctx.dataSource, job.data.messageId);
  if (!message) return 'skipped';
  const user = await findUser(ctx, message.userId);
  if (!user || !user.notifyByEmail) return 'skipped';
  const mail = renderMail('new-message', {
    firstName: user.firstName,
    messageUrl: url(ctx, inboxMessagePath(message.id)),
    settingsUrl: url(ctx, PAGES.inboxSettings),
  });
  return sendOnce(job, ctx, user.email, mail);
};
