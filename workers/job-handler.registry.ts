import { JOB_NAMES, type JobName } from '../services/queue/jobs';
import { deliverCaseDeadlineChanged, deliverCaseStatusChanged } from './handlers/case-notice.handlers';
import { scanDeadlines } from './handlers/deadline.handlers';
import { deliverCaseOpened, deliverSubmissionReceipt } from './handlers/inbox.handlers';
import {
  sendAccountActivated,
  sendActivationCode,
  sendDeadlineReminder,
  sendEmailChangeCode,
  sendEmailChangeNotice,
  sendEmailTaken,
  sendNewMessageNotice,
  sendPasswordChanged,
  sendPasswordResetCode,
} from './handlers/mail.handlers';
import { answerStatusCheck, markStatusCheckFailed } from './handlers/status-check.handlers';
import { deliverCaseReminderForwarded, sendReminderFiled } from './handlers/reminder.handlers';
import { deliverCaseCall, deliverCaseLetter, sendReplyReceived } from './handlers/correspondence.handlers';
import type { JobHandlers, JobInput, WorkerContext } from './job-handler.types';

/** Every job name mapped to exactly one handler (the type makes a missing one a compile error). */
export const JOB_HANDLERS: JobHandlers = {
  'mail.activation-code': sendActivationCode,
  'mail.email-taken': sendEmailTaken,
  'mail.account-activated': sendAccountActivated,
  'mail.new-message': sendNewMessageNotice,
  'mail.deadline-reminder': sendDeadlineReminder,
  'inbox.submission-received': deliverSubmissionReceipt,
  'inbox.case-opened': deliverCaseOpened,
  'inbox.case-status-changed': deliverCaseStatusChanged,
  'inbox.case-deadline-changed': deliverCaseDeadlineChanged,
  'status-check.answer': answerStatusCheck,
  'deadline.scan': scanDeadlines,
  'mail.reminder-filed': sendReminderFiled,
  'inbox.case-reminder-forwarded': deliverCaseReminderForwarded,
  'inbox.case-call': deliverCaseCall,
  'inbox.case-letter': deliverCaseLetter,
  'mail.reply-received': sendReplyReceived,
  'mail.password-reset-code': sendPasswordResetCode,
  'mail.password-changed': sendPasswordChanged,
  'mail.email-change-code': sendEmailChangeCode,
  'mail.email-change-notice': sendEmailChangeNotice,
};

/** What to record once a job has failed for good (last attempt or unrecoverable); optional per job. */
export const GIVE_UP_HANDLERS: { readonly [N in JobName]?: (job: JobInput<N>, ctx: WorkerContext) => Promise<void> } = {
  'status-check.answer': markStatusCheckFailed,
};

/** Checked at start: every job name has a handler and every handler a job name. */
export function assertHandlersComplete(handlers: object = JOB_HANDLERS): void {
  const names = new Set(Object.keys(handlers));
  const missing = JOB_NAMES.filter((n) => !names.has(n));
  const unknown = [...names].filter((n) => !(JOB_NAMES as string[]).includes(n));
  if (missing.length || unknown.length) {
    throw new Error(`Job handlers out of step with jobs.ts: missing ${missing.join(', ') || 'none'}; unknown ${unknown.join(', ') || 'none'}`);
  }
}
