import { AccountService } from './accounts/account.service';
import { OwnAccountService } from './accounts/own-account.service';
import { PasswordResetService } from './accounts/password-reset.service';
import { ActorService } from './audit/actor';
import { AuditLogService } from './audit/audit-log.service';
import { DeadlineScanService } from './cases/deadline-scan.service';
import { CitizenCasesService } from './citizen-cases/citizen-cases.service';
import { InboxNoticeService } from './inbox/inbox-notices.service';
import { InboxService, LiveInbox } from './inbox/inbox.service';
import { MailNoticeService } from './mail/mail-notices.service';
import { CaseManagementService } from './office/case-management.service';
import { CaseOpeningService } from './office/case-opening.service';
import { OfficeSubmissionsService } from './office/office-submissions.service';
import { UnitsService } from './office/units.service';
import type { Connections } from './shared/connections';
import { StatusCheckAnswerService } from './status-checks/status-check-answer.service';
import { StatusCheckService } from './status-checks/status-check.service';
import { SubmissionService } from './submissions/submission.service';
import { ReminderService } from './reminders/reminder.service';
import { CaseCallsService } from './correspondence/case-calls.service';
import { ReplyService } from './correspondence/reply.service';
import { OfficeLetterService } from './correspondence/office-letters.service';
import { CaseDocumentsService } from './correspondence/case-documents.service';
import { ReceiptService } from './receipts/receipt.service';
import { ReceiptSigner } from './receipts/receipt-signer';
import { SubmissionReadingService } from './submissions/submission-reading.service';
import { StaffAdminService } from './office/staff-admin.service';

/** Every domain service, built once per process and shared by the API, the pages and the workers. */
export interface DomainServices {
  accounts: AccountService;
  inbox: InboxService;
  /** What the gateway's live event streams send. */
  liveInbox: LiveInbox;
  submissions: SubmissionService;
  citizenCases: CitizenCasesService;
  statusChecks: StatusCheckService;
  caseOpening: CaseOpeningService;
  caseManagement: CaseManagementService;
  units: UnitsService;
  officeSubmissions: OfficeSubmissionsService;
  actors: ActorService;
  auditLog: AuditLogService;
  /** The workers' side: messages and e-mails that acts cause, and the status-check answers. */
  inboxNotices: InboxNoticeService;
  mailNotices: MailNoticeService;
  statusCheckAnswers: StatusCheckAnswerService;
  /** The deadline guard (KPA art. 35–37) the job scheduler runs. */
  deadlineScan: DeadlineScanService;
  /** Ponaglenia (KPA art. 37): filed by citizens, passed on by the office. */
  reminders: ReminderService;
  /** Correspondence in a case: calls for completion, the parties' replies, office letters, the documents list. */
  calls: CaseCallsService;
  replies: ReplyService;
  letters: OfficeLetterService;
  documents: CaseDocumentsService;
  /** Submissions and replies read again, with their files, by their senders and the office. */
  submissionReading: SubmissionReadingService;
  /** Signed receipts of submissions and replies, and checking them. */
  receipts: ReceiptService;
  /** Forgotten passwords: a code by e-mail, then a new password. */
  passwordReset: PasswordResetService;
  /** A person's own account: password, address, their data, erasure. */
  ownAccount: OwnAccountService;
  /** Staff accounts as admins run them: list, disable, role, unit, e-mail, second-factor reset. */
  staffAdmin: StaffAdminService;
}

/** Builds the domain services on a process's connections. */
export function createDomainServices(c: Connections): DomainServices {
  return {
    accounts: new AccountService(c),
    inbox: new InboxService(c.dataSource, c.reads),
    liveInbox: new LiveInbox(c.dataSource),
    submissions: new SubmissionService(c.dataSource, c.outbox, c.rateLimits),
    citizenCases: new CitizenCasesService(c),
    statusChecks: new StatusCheckService(c),
    caseOpening: new CaseOpeningService(c.outbox),
    caseManagement: new CaseManagementService(c.dataSource, c.outbox, c.reads),
    units: new UnitsService(c.dataSource),
    officeSubmissions: new OfficeSubmissionsService(c.dataSource),
    actors: new ActorService(c.dataSource),
    auditLog: new AuditLogService(c.dataSource),
    inboxNotices: new InboxNoticeService(c.dataSource, c.outbox, c.config.publicUrl),
    mailNotices: new MailNoticeService(c.dataSource, c.outbox, c.config.publicUrl, c.config.deadlines.reminderDays),
    statusCheckAnswers: new StatusCheckAnswerService(c.dataSource, c.outbox, c.config.publicUrl),
    deadlineScan: new DeadlineScanService(c.dataSource, c.outbox, c.config.publicUrl, c.config.deadlines.reminderDays),
    reminders: new ReminderService(c.dataSource, c.outbox),
    calls: new CaseCallsService(c.dataSource, c.outbox),
    replies: new ReplyService(c.dataSource, c.outbox, c.rateLimits),
    letters: new OfficeLetterService(c.dataSource, c.outbox),
    documents: new CaseDocumentsService(c.dataSource),
    submissionReading: new SubmissionReadingService(c.dataSource),
    receipts: new ReceiptService(c.dataSource, new ReceiptSigner(c.config.receiptSigningKey), c.rateLimits, c.config.publicUrl),
    passwordReset: new PasswordResetService(c),
    ownAccount: new OwnAccountService(c),
    staffAdmin: new StaffAdminService(c.dataSource, c.tokens.standing),
  };
}
