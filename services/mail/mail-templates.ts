import type { ReminderCase } from '../cases/deadline-reminders';
import { assertTemplates, renderTriple, type Rendered } from '../shared/templates';

/** Every e-mail the service sends, with the typed context its template needs. */
export interface MailContexts {
  'activation-code': { login: string; code: string; activationUrl: string; validHours: number };
  'email-taken': { firstName: string; loginUrl: string; helpUrl: string };
  'account-activated': { firstName: string; login: string; inboxUrl: string };
  'new-message': { firstName: string; messageUrl: string; settingsUrl: string };
  /** An official's cases due within `reminderDays` working days, and those overdue (earliest first). */
  'deadline-reminder': {
    firstName: string;
    reminderDays: number;
    cases: Array<ReminderCase & { url: string }>;
    /** Ponaglenia not passed on by their forwardBy (art. 37 §4), in the official's cases. */
    lateReminders: Array<{ caseNumber: string; filedAt: string; forwardBy: string }>;
    remindersUrl: string;
    casesUrl: string;
  };
  /** To the responsible official (or the unit): a citizen filed a ponaglenie (KPA art. 37). */
  'reminder-filed': { firstName: string | null; caseNumber: string; caseTitle: string; filedAt: string; forwardBy: string; remindersUrl: string };
  /** To the responsible official (or the unit): a party replied in a case, perhaps to a call for completion. */
  'reply-received': { firstName: string | null; caseNumber: string; caseTitle: string; receiptNumber: string; submittedAt: string; callDueDate: string | null; caseUrl: string };
  'password-reset-code': { firstName: string; login: string; code: string; resetUrl: string };
  'password-changed': { firstName: string; login: string; resetUrl: string; helpUrl: string };
  /** To an address not yet confirmed: no name or login in it (it may be a stranger's). */
  'email-change-code': { code: string; accountUrl: string; validHours: number };
  'email-change-notice': { firstName: string; login: string; newEmail: string; resetUrl: string; helpUrl: string };
}

export type MailTemplate = keyof MailContexts;

export const MAIL_TEMPLATES: readonly MailTemplate[] = ['activation-code', 'email-taken', 'account-activated', 'new-message', 'deadline-reminder', 'reminder-filed', 'reply-received', 'password-reset-code', 'password-changed', 'email-change-code', 'email-change-notice'];

/** Renders one e-mail from `templates/mail`. */
export function renderMail<T extends MailTemplate>(name: T, context: MailContexts[T]): Rendered {
  return renderTriple('mail', name, context);
}

/** Fails at start when a mail template is missing or broken. */
export function assertMailTemplates(): void {
  assertTemplates('mail', MAIL_TEMPLATES);
}
