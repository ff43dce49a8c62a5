/**
 * The wire contract of the queues: every queue name, every job name and its payload, in one
 * file. Payloads carry ids only, never secrets or whole entities: the worker reloads them.
 */

export const QUEUE_NAMES = ['mail', 'inbox', 'status-check', 'deadline'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Every job: name → payload. */
export interface JobPayloads {
  /** Send the activation code of this activation-code row. */
  'mail.activation-code': { activationCodeId: string };
  /** Someone tried to register with this user's e-mail address: tell its owner. */
  'mail.email-taken': { userId: string };
  /** The account was activated: the contact inbox is ready. */
  'mail.account-activated': { userId: string };
  /** A message arrived in the inbox: tell its owner by e-mail (no case data in it). */
  'mail.new-message': { messageId: string };
  /** An official's deadline reminder of one office day (this deadline_reminder_mails row). */
  'mail.deadline-reminder': { userId: string; day: string };
  /** A submission was accepted: put its receipt in the sender's inbox. */
  'inbox.submission-received': { submissionId: string };
  /** A case was opened from a submission: tell its sender (with a new access key if asked for). */
  'inbox.case-opened': { caseId: string };
  /** An official changed a case's status (this case_history row): tell every linked citizen. */
  'inbox.case-status-changed': { historyId: string };
  /** An official set a new deadline (this case_deadline_changes row): tell every linked citizen. */
  'inbox.case-deadline-changed': { deadlineChangeId: string };
  /** A citizen pressed "Sprawdź stan sprawy": answer this status_checks row into their inbox. */
  'status-check.answer': { statusCheckId: string };
  /** Scan the deadlines (KPA art. 35–37): overdue notices and officials' reminders. Started by the job scheduler. */
  'deadline.scan': Record<string, never>;
  /** A citizen filed this ponaglenie (KPA art. 37): tell the case's responsible official (or its unit). */
  'mail.reminder-filed': { reminderId: string };
  /** The office passed this ponaglenie on (art. 37 §4): tell every linked citizen. */
  'inbox.case-reminder-forwarded': { reminderId: string };
  /** An official called for completion (this case_calls row, KPA art. 64 §2): tell every linked citizen. */
  'inbox.case-call': { callId: string };
  /** The office sent this case_letters row: into the inbox of every linked citizen. */
  'inbox.case-letter': { letterId: string };
  /** A citizen replied in a case (this submissions row of kind reply): tell the responsible official (or the unit). */
  'mail.reply-received': { replyId: string };
  /** Send the password-reset code of this account_codes row (a row of nobody is deleted unsent). */
  'mail.password-reset-code': { accountCodeId: string };
  /** The account's password was reset or changed: tell its owner. */
  'mail.password-changed': { userId: string };
  /** Send the address-change code of this account_codes row to the new address. */
  'mail.email-change-code': { accountCodeId: string };
  /** Tell the account's old address that a change to another was asked for (this account_codes row). */
  'mail.email-change-notice': { accountCodeId: string };
}

export type JobName = keyof JobPayloads;

/** Which queue carries each job: a job's name says where it goes, so no caller chooses a queue. */
export const JOB_QUEUE = {
  'mail.activation-code': 'mail',
  'mail.email-taken': 'mail',
  'mail.account-activated': 'mail',
  'mail.new-message': 'mail',
  'mail.deadline-reminder': 'mail',
  'inbox.submission-received': 'inbox',
  'inbox.case-opened': 'inbox',
  'inbox.case-status-changed': 'inbox',
  'inbox.case-deadline-changed': 'inbox',
  'status-check.answer': 'status-check',
  'deadline.scan': 'deadline',
  'mail.reminder-filed': 'mail',
  'inbox.case-reminder-forwarded': 'inbox',
  'inbox.case-call': 'inbox',
  'inbox.case-letter': 'inbox',
  'mail.reply-received': 'mail',
  'mail.password-reset-code': 'mail',
  'mail.password-changed': 'mail',
  'mail.email-change-code': 'mail',
  'mail.email-change-notice': 'mail',
} as const satisfies { readonly [N in JobName]: QueueName };

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** One job as it travels: the union of all `{ name, data }` pairs. */
export type AnyJob = { [N in JobName]: { name: N; data: JobPayloads[N] } }[JobName];

/** The names of the jobs that queue `Q` carries. */
export type JobNameOf<Q extends QueueName> = { [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never }[JobName];

/** What a handler reports: `skipped` means there was nothing (left) to do. */
export type JobOutcome = 'done' | 'skipped';

/** Retry defaults for every job: exponential backoff with jitter, bounded history. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
