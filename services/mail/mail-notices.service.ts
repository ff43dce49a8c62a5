import { deleteOwnerlessActivationCode, findActivationCode, forgetActivationSeed } from '../accounts/activation-code.repository';
import { ACTIVATION_CODE_VALID_HOURS, activationCodeOf } from '../accounts/activation-codes';
import { deleteOwnerlessAccountCode, findAccountCode, forgetAccountCodeSeed } from '../accounts/account-code.repository';
import { ACCOUNT_CODE_VALID_HOURS, accountCodeOf } from '../accounts/account-codes';
import { hasRealAddress } from '../accounts/mail-address';
import { findUserById, findUserIdByEmail } from '../accounts/user.repository';
import { isRemindable, reminderCases, reminderWindowEnd } from '../cases/deadline-reminders';
import { findReminderScanTime } from '../cases/deadline-reminder-mail.repository';
import { listRunningCasesDueBefore } from '../cases/deadline-scan.repository';
import { findMessageRecipient } from '../inbox/message.repository';
import type { Outbox } from '../outbox/outbox.service';
import { findReminderMailSource, listLateRemindersOf } from '../reminders/reminder.repository';
import { findReplyMailSource } from '../correspondence/reply.repository';
import { inboxMessagePath, officeCasePath, PAGES } from '../shared/page-paths';
import type { Rendered } from '../shared/templates';
import type { DataSource } from 'typeorm';
import { renderMail } from './mail-templates';

/** What sends an e-mail: the worker's SMTP mailer. */
export interface MailSender {
  send(to: string, mail: Rendered): Promise<void>;
}

/**
 * The e-mails the service sends, each once per event (`eventId`, its outbox row): an event
 * already marked processed is skipped. SMTP cannot join our transaction, so a crash between
 * sending and marking may send one e-mail twice; it never loses one. Every method answers
 * whether it sent anything now.
 */
export class MailNoticeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly publicUrl: string,
    /** DEADLINE_REMINDER_DAYS: the working days a deadline reminder looks ahead. */
    private readonly reminderDays: number,
  ) {}

  /** The activation code of a registration still waiting for it (no name in it: anybody can register any address). */
  async activationCode(activationCodeId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const row = await findActivationCode(this.dataSource, activationCodeId);
    if (row && !row.userId) {
      // Asked for a login that is not pending: written only so that it cost the same; nobody to tell.
      await deleteOwnerlessActivationCode(this.dataSource, row.id);
      return false;
    }
    if (!row?.userId || !row.seed || row.spentAt || row.expiresAt < new Date()) return false;
    const user = await findUserById(this.dataSource, row.userId);
    if (!user || user.status !== 'pending_activation') return false;
    const mail = renderMail('activation-code', {
      login: user.login,
      code: activationCodeOf(row.seed),
      activationUrl: this.url(`${PAGES.activation}?login=${encodeURIComponent(user.login)}`),
      validHours: ACTIVATION_CODE_VALID_HOURS,
    });
    const sent = await this.sendOnce(eventId, mailer, user.email, mail);
    // Sent: the seed goes, so the database alone can no longer give the code away.
    await forgetActivationSeed(this.dataSource, row.id);
    return sent;
  }

  /** Someone tried to register with this user's address: tell its owner. */
  async emailTaken(userId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const user = await findUserById(this.dataSource, userId);
    if (!user) return false;
    const mail = renderMail('email-taken', { firstName: user.firstName, loginUrl: this.url(PAGES.login), helpUrl: this.url(PAGES.help) });
    return this.sendOnce(eventId, mailer, user.email, mail);
  }

  /** The account was activated: the contact inbox is ready. */
  async accountActivated(userId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const user = await findUserById(this.dataSource, userId);
    if (!user) return false;
    const mail = renderMail('account-activated', { firstName: user.firstName, login: user.login, inboxUrl: this.url(PAGES.inbox) });
    return this.sendOnce(eventId, mailer, user.email, mail);
  }

  /** "A new message is waiting": a link only, never case data or an access key; only to those who want it. */
  async newMessage(messageId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const message = await findMessageRecipient(this.dataSource, messageId);
    if (!message) return false;
    const user = await findUserById(this.dataSource, message.userId);
    if (!user || !user.notifyByEmail) return false;
    const mail = renderMail('new-message', {
      firstName: user.firstName,
      messageUrl: this.url(inboxMessagePath(message.id)),
      settingsUrl: this.url(PAGES.inboxSettings),
    });
    return this.sendOnce(eventId, mailer, user.email, mail);
  }

  /**
   * An official's deadline reminder of one office day (its deadline_reminder_mails row): their
   * cases overdue or due within the window as of the scan that recorded it. Nothing when the
   * row is gone, the official no longer gets reminders, or none of the cases is still running.
   */
  async deadlineReminder(userId: string, day: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const scannedAt = await findReminderScanTime(this.dataSource, userId, day);
    if (!scannedAt) return false;
    const user = await findUserById(this.dataSource, userId);
    if (!user || !isRemindable(user)) return false;
    const running = await listRunningCasesDueBefore(this.dataSource, reminderWindowEnd(scannedAt, this.reminderDays), userId);
    const cases = reminderCases(running, scannedAt, this.reminderDays);
    if (cases.length === 0) return false;
    // Ponaglenia the office should have passed on by now (art. 37 §4) belong in the same e-mail.
    const lateReminders = await listLateRemindersOf(this.dataSource, userId, scannedAt);
    const mail = renderMail('deadline-reminder', {
      firstName: user.firstName,
      reminderDays: this.reminderDays,
      cases: cases.map((c) => ({ ...c, url: this.url(officeCasePath(c.number)) })),
      lateReminders: lateReminders.map((r) => ({ caseNumber: r.caseNumber, filedAt: r.filedAt.toISOString(), forwardBy: r.forwardBy.toISOString() })),
      remindersUrl: this.url(PAGES.officeReminders),
      casesUrl: this.url(PAGES.officeCases),
    });
    return this.sendOnce(eventId, mailer, user.email, mail);
  }

  /**
   * A citizen filed a ponaglenie: the case's responsible official is told, at their own address;
   * a staff account without one (its placeholder cannot receive mail) or a case without an
   * official falls back to the unit's address; with neither, nobody can be told by e-mail.
   */
  async reminderFiled(reminderId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const source = await findReminderMailSource(this.dataSource, reminderId);
    if (!source) return false;
    const official = hasRealAddress(source.responsibleEmail) ? source.responsibleEmail : null;
    const to = official ?? source.unitEmail;
    if (!to) return false;
    const mail = renderMail('reminder-filed', {
      firstName: official ? source.responsibleFirstName : null,
      caseNumber: source.caseNumber,
      caseTitle: source.caseTitle,
      filedAt: source.filedAt.toISOString(),
      forwardBy: source.forwardBy.toISOString(),
      remindersUrl: this.url(PAGES.officeReminders),
    });
    return this.sendOnce(eventId, mailer, to, mail);
  }

  /**
   * A party replied in a case: the responsible official is told at their own address, else the
   * unit (as for a ponaglenie); with neither, nobody can be told by e-mail.
   */
  async replyReceived(replyId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const source = await findReplyMailSource(this.dataSource, replyId);
    if (!source) return false;
    const official = hasRealAddress(source.responsibleEmail) ? source.responsibleEmail : null;
    const to = official ?? source.unitEmail;
    if (!to) return false;
    const mail = renderMail('reply-received', {
      firstName: official ? source.responsibleFirstName : null,
      caseNumber: source.caseNumber,
      caseTitle: source.caseTitle,
      receiptNumber: source.receiptNumber,
      submittedAt: source.submittedAt.toISOString(),
      callDueDate: source.callDueDate,
      caseUrl: this.url(officeCasePath(source.caseNumber)),
    });
    return this.sendOnce(eventId, mailer, to, mail);
  }

  /**
   * A password-reset code, to the account's address. A row of nobody (a reset asked for a login
   * without an active account) is deleted unsent: it was written only so that it cost the same.
   */
  async passwordResetCode(accountCodeId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const row = await findAccountCode(this.dataSource, accountCodeId);
    if (row && !row.userId) {
      await deleteOwnerlessAccountCode(this.dataSource, row.id);
      return false;
    }
    if (!row?.userId || !row.seed || row.spentAt || row.expiresAt < new Date()) return false;
    const user = await findUserById(this.dataSource, row.userId);
    if (!user || user.status !== 'active') return false;
    const mail = renderMail('password-reset-code', {
      firstName: user.firstName,
      login: user.login,
      code: accountCodeOf('password_reset', row.seed),
      resetUrl: this.url(`${PAGES.passwordResetConfirm}?login=${encodeURIComponent(user.login)}`),
    });
    const sent = await this.sendOnce(eventId, mailer, user.email, mail);
    await forgetAccountCodeSeed(this.dataSource, row.id);
    return sent;
  }

  /** The password was reset or changed: the owner hears of it (and where to act if it was not them). */
  async passwordChanged(userId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const user = await findUserById(this.dataSource, userId);
    if (!user || !hasRealAddress(user.email)) return false;
    const mail = renderMail('password-changed', { firstName: user.firstName, login: user.login, resetUrl: this.url(PAGES.passwordReset), helpUrl: this.url(PAGES.help) });
    return this.sendOnce(eventId, mailer, user.email, mail);
  }

  /**
   * An address-change code, to the new address: only while that address has no account (else
   * nothing is sent, and the caller was answered the same; the code could not be used anyway).
   */
  async emailChangeCode(accountCodeId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const row = await findAccountCode(this.dataSource, accountCodeId);
    if (!row?.userId || !row.newEmail || !row.seed || row.spentAt || row.expiresAt < new Date()) return false;
    const owner = await findUserIdByEmail(this.dataSource, row.newEmail.toLowerCase());
    if (owner) {
      await forgetAccountCodeSeed(this.dataSource, row.id);
      return false;
    }
    const mail = renderMail('email-change-code', {
      code: accountCodeOf('email_change', row.seed),
      accountUrl: this.url(PAGES.myAccount),
      validHours: ACCOUNT_CODE_VALID_HOURS.email_change,
    });
    const sent = await this.sendOnce(eventId, mailer, row.newEmail, mail);
    await forgetAccountCodeSeed(this.dataSource, row.id);
    return sent;
  }

  /** The address the account had when a change was asked for hears of it, whatever the new one. */
  async emailChangeNotice(accountCodeId: string, eventId: string, mailer: MailSender): Promise<boolean> {
    const row = await findAccountCode(this.dataSource, accountCodeId);
    if (!row?.userId || !row.newEmail || !row.oldEmail || !hasRealAddress(row.oldEmail)) return false;
    const user = await findUserById(this.dataSource, row.userId);
    if (!user || user.status === 'deleted') return false;
    const mail = renderMail('email-change-notice', {
      firstName: user.firstName,
      login: user.login,
      newEmail: row.newEmail,
      resetUrl: this.url(PAGES.passwordReset),
      helpUrl: this.url(PAGES.help),
    });
    return this.sendOnce(eventId, mailer, row.oldEmail, mail);
  }

  private url(path: string): string {
    return `${this.publicUrl}${path}`;
  }

  private async sendOnce(eventId: string, mailer: MailSender, to: string, mail: Rendered): Promise<boolean> {
    if (await this.outbox.isProcessed(eventId)) return false;
    await mailer.send(to, mail);
    await this.outbox.markProcessed(eventId);
    return true;
  }
}
