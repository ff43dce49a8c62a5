import type { DataSource, EntityManager } from 'typeorm';
import { keyForCaseOpenedNotice } from '../cases/access-keys';
import { findDeadlineChangeNotice, findHistoryNotice } from '../cases/case-history.repository';
import { findCaseSummaryById, listLinkedUserIds, lockCaseForOpenedNotice } from '../cases/case.repository';
import { CASE_STATUS_LABELS } from '../cases/case-status';
import { responsibleName, toCaseSummary } from '../cases/case-summary';
import type { Emit, Outbox } from '../outbox/outbox.service';
import { findReminder } from '../reminders/reminder.repository';
import { citizenCasePath, citizenLetterPath, PAGES } from '../shared/page-paths';
import { findSubmissionForReceipt } from '../submissions/submission.repository';
import { findCallNotice } from '../correspondence/call.repository';
import { findLetterNotice } from '../correspondence/letter.repository';
import { deliverMessage, type DeliverMessage } from './message-delivery.service';
import { messageExists } from './message.repository';
import { renderMessage } from './message-templates';

/**
 * The inbox messages an act causes, written by the workers: each exactly once (a unique event
 * key per message), whatever the retries. Every method answers whether it delivered anything
 * now (false: the row vanished, or the message was there already).
 */
export class InboxNoticeService {
  private readonly statusCheckUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly publicUrl: string,
  ) {
    this.statusCheckUrl = `${publicUrl}${PAGES.statusCheck}`;
  }

  /** The receipt of an ESP submission, into its sender's inbox. */
  async submissionReceipt(submissionId: string): Promise<boolean> {
    const s = await findSubmissionForReceipt(this.dataSource, submissionId);
    if (!s) return false;
    const data = { submissionId, receiptNumber: s.receiptNumber, submittedAt: s.submittedAt.toISOString(), sha256: s.sha256 };
    const delivered = await this.outbox.transaction((manager, emit) =>
      deliverMessage(manager, emit, {
        userId: s.userId,
        kind: 'submission_received',
        eventKey: `submission-received:${submissionId}`,
        rendered: renderMessage('submission_received', { ...data, title: s.title }),
        data,
      }),
    );
    return delivered !== null;
  }

  /**
   * The "case opened" notice, into the inbox of the citizen whose submission opened the case,
   * with the case's access key when they asked for one (keyForCaseOpenedNotice): the clear key
   * exists only in that message, never in a job, row or log.
   */
  async caseOpened(caseId: string): Promise<boolean> {
    const eventKey = `case-opened:${caseId}`;
    const delivered = await this.outbox.transaction(async (manager, emit) => {
      // The case row lock makes a concurrent redelivery wait, then see the message and stop.
      const locked = await lockCaseForOpenedNotice(manager, caseId);
      if (!locked?.applicantUserId) return null;
      if (await messageExists(manager, eventKey)) return null;
      const record = await findCaseSummaryById(manager, caseId);
      if (!record) return null;
      const summary = toCaseSummary(record);
      const accessKey = await keyForCaseOpenedNotice(manager, caseId, locked.requestAccessKey === true);
      const data = {
        caseNumber: summary.number,
        title: summary.title,
        startedAt: summary.startedAt,
        dueAt: summary.dueAt,
        unitName: summary.unit.name,
        responsiblePerson: responsibleName(summary),
        ...(accessKey ? { accessKey } : {}),
      };
      const messageId = await deliverMessage(manager, emit, {
        userId: locked.applicantUserId,
        kind: 'case_opened',
        eventKey,
        rendered: renderMessage('case_opened', { ...data, accessKey, statusCheckUrl: this.statusCheckUrl }),
        data,
      });
      // A key issued here but never shown would revoke the one already delivered: roll it back
      // (the retry then finds the message and skips).
      if (!messageId && accessKey) throw new Error(`case_opened for ${caseId} was delivered concurrently; rolling back the new key`);
      return messageId;
    });
    return delivered !== null;
  }

  /** A status change (this case_history row), into the inbox of every citizen linked to the case. */
  async caseStatusChanged(historyId: string): Promise<boolean> {
    const h = await findHistoryNotice(this.dataSource, historyId);
    if (!h) return false;
    const data = { caseNumber: h.caseNumber, status: h.status, statusLabel: CASE_STATUS_LABELS[h.status], note: h.note, changedAt: h.changedAt.toISOString() };
    const rendered = renderMessage('case_status_changed', { ...data, statusCheckUrl: this.statusCheckUrl });
    return this.toEveryLinked(h.caseId, (userId) => ({ userId, kind: 'case_status_changed', eventKey: `case-status-changed:${historyId}:${userId}`, rendered, data }));
  }

  /** A new deadline (KPA art. 36; this case_deadline_changes row), into the inbox of every citizen linked to the case. */
  async caseDeadlineChanged(deadlineChangeId: string): Promise<boolean> {
    const d = await findDeadlineChangeNotice(this.dataSource, deadlineChangeId);
    if (!d) return false;
    const data = { caseNumber: d.caseNumber, dueAt: d.dueAt.toISOString(), reason: d.reason };
    const rendered = renderMessage('case_deadline_changed', { ...data, statusCheckUrl: this.statusCheckUrl });
    return this.toEveryLinked(d.caseId, (userId) => ({ userId, kind: 'case_deadline_changed', eventKey: `case-deadline-changed:${deadlineChangeId}:${userId}`, rendered, data }));
  }

  /** A ponaglenie passed on to the higher authority (KPA art. 37 §4), into the inbox of every citizen linked to the case. */
  async caseReminderForwarded(reminderId: string): Promise<boolean> {
    const r = await findReminder(this.dataSource, reminderId);
    if (!r?.forwardedAt || !r.forwardedTo) return false;
    const data = { caseNumber: r.caseNumber, reminderId, forwardedAt: r.forwardedAt.toISOString(), forwardedTo: r.forwardedTo };
    const rendered = renderMessage('case_reminder_forwarded', { ...data, casePageUrl: `${this.publicUrl}${citizenCasePath(r.caseNumber)}` });
    return this.toEveryLinked(r.caseId, (userId) => ({ userId, kind: 'case_reminder_forwarded', eventKey: `case-reminder-forwarded:${reminderId}:${userId}`, rendered, data }));
  }

  /** A call for completion (KPA art. 64 §2), into the inbox of every citizen linked to the case. */
  async caseCallForCompletion(callId: string): Promise<boolean> {
    const c = await findCallNotice(this.dataSource, callId);
    if (!c) return false;
    const data = { caseNumber: c.caseNumber, callId, what: c.what, dueDate: c.dueDate };
    const rendered = renderMessage('case_call_for_completion', { ...data, casePageUrl: `${this.publicUrl}${citizenCasePath(c.caseNumber)}` });
    return this.toEveryLinked(c.caseId, (userId) => ({ userId, kind: 'case_call_for_completion', eventKey: `case-call:${callId}:${userId}`, rendered, data }));
  }

  /** An office letter, into the inbox of every citizen linked to the case (its files named, not attached). */
  async caseLetter(letterId: string): Promise<boolean> {
    const l = await findLetterNotice(this.dataSource, letterId);
    if (!l) return false;
    const attachments = l.attachments.map(({ id, filename, contentType, sizeBytes }) => ({ id, filename, contentType, sizeBytes }));
    const data = { caseNumber: l.caseNumber, letterId, title: l.title, attachments };
    const rendered = renderMessage('case_letter', { ...data, letterUrl: `${this.publicUrl}${citizenLetterPath(l.caseNumber, letterId)}` });
    return this.toEveryLinked(l.caseId, (userId) => ({ userId, kind: 'case_letter', eventKey: `case-letter:${letterId}:${userId}`, rendered, data }));
  }

  /**
   * One message to each citizen linked to the case, in one transaction. Each has its own event
   * key, so a retry (even after a partial failure) adds only what is missing.
   */
  private async toEveryLinked(caseId: string, message: (userId: string) => DeliverMessage): Promise<boolean> {
    const delivered = await this.outbox.transaction(async (manager: EntityManager, emit: Emit) => {
      let count = 0;
      for (const userId of await listLinkedUserIds(manager, caseId)) {
        if (await deliverMessage(manager, emit, message(userId))) count += 1;
      }
      return count;
    });
    return delivered > 0;
  }
}
